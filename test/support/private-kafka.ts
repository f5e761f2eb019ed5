import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaInstance } from '../../tools/stack/src/kafka';
import { freePort } from '../../tools/stack/src/ports';

/**
 * A throwaway single-node broker for tests that stop Kafka: outages never touch the shared
 * stack other tests run against.
 */
export async function startPrivateKafka(): Promise<{
  kafka: KafkaInstance;
  dispose: () => Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'collect-kafka-'));
  const kafka = new KafkaInstance({
    dir,
    port: await freePort(),
    controllerPort: await freePort(),
    logFile: join(dir, 'kafka.log'),
    heap: '256m',
  });
  await kafka.start();
  return {
    kafka,
    dispose: async () => {
      await kafka.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
