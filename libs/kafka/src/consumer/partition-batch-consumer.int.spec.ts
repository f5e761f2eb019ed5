import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '../../../../test/support/eventually';
import { uniqueName } from '../../../../test/support/names';
import { stackEnv } from '../../../../test/support/stack-env';
import { createKafka } from '../create-kafka';
import { MemoryLedger, send, TestConsumers, topicWith, values } from './testing/consumer-test-kit';

describe('PartitionBatchConsumer against the real Kafka', () => {
  const kafka = createKafka({
    brokers: stackEnv().kafkaBrokers,
    clientId: 'consumer-test',
    schemaRegistryUrl: 'http://unused',
    logLevel: 'error',
  });
  const producer = kafka.producer();
  const consumers = new TestConsumers(kafka);
  const start = (options: Parameters<TestConsumers['start']>[0]) => consumers.start(options);

  beforeAll(() => producer.connect());
  afterEach(() => consumers.stopAll());
  afterAll(() => producer.disconnect());

  it('starts each partition at the stored checkpoint, not at Kafka’s committed offset, and copies to Kafka what it applied', async () => {
    const topic = await topicWith(kafka, 1);
    await send(producer, topic, values(0, 10));
    const ledger = new MemoryLedger();
    ledger.checkpoints.set(0, 4n);
    const groupId = uniqueName('group');
    const consumer = start({
      groupId,
      topics: [topic],
      checkpoints: ledger,
      handle: ledger.handle,
    });
    await eventually(() => ledger.checkpoints.get(0) === 10n, 'the consumer to reach the end');
    expect(ledger.applied).toEqual(values(4, 10));
    expect(consumer.health).toEqual({ ready: true });

    // Kafka's copy follows in the background (at most lagCommitIntervalMs behind).
    const admin = kafka.admin();
    await admin.connect();
    const committedOffset = async () =>
      (await admin.fetchOffsets({ groupId, topics: [topic] }))[0]!.partitions;
    try {
      await eventually(
        async () => (await committedOffset())[0]?.offset === '10',
        "Kafka's committed offset to follow the checkpoint",
      );
      expect(await committedOffset()).toEqual([{ partition: 0, offset: '10', metadata: null }]);
    } finally {
      await admin.disconnect();
    }
  });

  it('retries the same batch after a retriable failure, never skipping it', async () => {
    const topic = await topicWith(kafka, 1);
    const ledger = new MemoryLedger();
    ledger.failNext = Object.assign(new Error('Postgres is down'), { retriable: true });
    await send(producer, topic, values(0, 5));
    start({
      groupId: uniqueName('group'),
      topics: [topic],
      checkpoints: ledger,
      handle: ledger.handle,
    });
    await eventually(() => ledger.checkpoints.get(0) === 5n, 'the retried batch to apply');
    expect(ledger.applied).toEqual(values(0, 5));
  });

  it('stops on a non-retriable error and reports it as not ready, without applying anything after it', async () => {
    const topic = await topicWith(kafka, 1);
    const ledger = new MemoryLedger();
    ledger.failNext = new Error('column "x" does not exist');
    await send(producer, topic, values(0, 5));
    const consumer = start({
      groupId: uniqueName('group'),
      topics: [topic],
      checkpoints: ledger,
      handle: ledger.handle,
    });
    await eventually(
      () => !consumer.health.ready && /does not exist/.test(consumer.health.reason ?? ''),
      'the consumer to fail',
    );
    await send(producer, topic, values(5, 6));
    await sleep(500);
    expect(ledger.applied).toEqual([]);
    expect(consumer.health.reason).toMatch(/consumer failed: column "x" does not exist/);
  });

  it('lets two members share partitions and apply every message once (compare-and-set on the checkpoint)', async () => {
    const topic = await topicWith(kafka, 4);
    const ledger = new MemoryLedger();
    const groupId = uniqueName('group');
    start({ groupId, topics: [topic], checkpoints: ledger, handle: ledger.handle });
    for (let p = 0; p < 4; p++) await send(producer, topic, values(p * 100, p * 100 + 50), p);
    start({ groupId, topics: [topic], checkpoints: ledger, handle: ledger.handle });
    for (let p = 0; p < 4; p++) await send(producer, topic, values(p * 100 + 50, p * 100 + 100), p);
    await eventually(
      () => [0, 1, 2, 3].every((p) => ledger.checkpoints.get(p) === 100n),
      'every partition to reach the end',
    );
    expect([...ledger.applied].sort()).toEqual(
      [0, 1, 2, 3].flatMap((p) => values(p * 100, p * 100 + 100)).sort(),
    );
  });
});
