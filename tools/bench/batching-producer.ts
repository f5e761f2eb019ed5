// Producer throughput with and without BatchingProducer, against the local stack's Kafka.
// Run: npx tsx tools/bench/batching-producer.ts  (KAFKA_BROKERS defaults to 127.0.0.1:29092)
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { PartitionedMessage } from '../../apps/api/src/responses/batching-producer';
import { createKafkaBatchingProducer } from '../../apps/api/src/responses/kafka-batching-producer';
import { partitionForKey } from '../../apps/api/src/events/key-partition';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:29092').split(',');
const total = Number(process.env.MESSAGES ?? 20_000);
const concurrency = Number(process.env.CONCURRENCY ?? 64);
const kafka = new Kafka({ clientId: 'bench-producer', brokers, logLevel: logLevel.NOTHING });
const value = randomBytes(400); // about one encoded ResponseSubmitted
const keys = Number(process.env.KEYS ?? 50); // distinct formIds (1 = one form, one partition)
const partitions = 12;
const message = (i: number): PartitionedMessage => {
  const key = `form-${i % keys}`;
  return { key, value, partition: partitionForKey('bench', key, partitions) };
};

/** `concurrency` callers, each sending its next message as soon as the previous one is acknowledged. */
async function drive(send: (message: PartitionedMessage) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await send(message(next++));
    }),
  );
  return total / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function main(): Promise<void> {
  const topic = `bench.producer.${Date.now().toString(36)}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: partitions }],
    waitForLeaders: true,
  });
  await admin.disconnect();

  const plain = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await plain.connect();
  const unbatched = await drive((m) => plain.send({ topic, acks: -1, messages: [m] }));
  await plain.disconnect();

  const rows: [string, number][] = [['idempotent producer, one send per message', unbatched]];
  for (const lingerMs of [0, 2, 5]) {
    const batching = createKafkaBatchingProducer(kafka, { lingerMs });
    rows.push([
      `BatchingProducer, linger ${lingerMs} ms`,
      await drive((m) => batching.send(topic, m)),
    ]);
    await batching.close();
  }
  console.log(`${total} messages of ${value.length} B, ${concurrency} concurrent callers, acks -1`);
  for (const [what, rate] of rows)
    console.log(`${what.padEnd(45)} ${Math.round(rate).toString().padStart(8)} msg/s`);

  const cleanup = kafka.admin();
  await cleanup.connect();
  await cleanup.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await cleanup.disconnect();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
