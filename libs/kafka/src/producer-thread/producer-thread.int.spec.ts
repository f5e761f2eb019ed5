import { Kafka, logLevel } from 'kafkajs';
import type { Worker } from 'node:worker_threads';
import { stackEnv } from '../../../../test/support/stack-env';
import { uniqueName } from '../../../../test/support/names';
import { ProducerThread } from './producer-thread';

describe('ProducerThread against the real broker', () => {
  const env = stackEnv();
  const kafkaOptions = {
    brokers: env.kafkaBrokers,
    clientId: 'producer-thread-int',
    schemaRegistryUrl: env.schemaRegistryUrl,
    logLevel: 'error' as const,
  };
  const topic = uniqueName('test.producer-thread');
  let thread: ProducerThread;

  beforeAll(async () => {
    const admin = new Kafka({ ...kafkaOptions, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();
  });
  beforeEach(() => {
    thread = new ProducerThread(kafkaOptions, () => () => undefined);
  });
  afterEach(() => thread.close());

  const batch = (value: string) => ({
    acks: -1,
    topicMessages: [{ topic, messages: [{ key: 'k', value: Buffer.from(value), partition: 1 }] }],
  });

  it('sends a batch from the thread and answers with where Kafka stored it', async () => {
    const producer = thread.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const [first] = await producer.sendBatch(batch('one'));
    const [second] = await producer.sendBatch(batch('two'));
    await producer.disconnect();
    expect(first).toMatchObject({ topicName: topic, partition: 1, errorCode: 0 });
    expect(BigInt(second!.baseOffset!)).toBe(BigInt(first!.baseOffset!) + 1n);
  });

  it("hands kafkajs' error type across, so a refusal is told apart from an outage", async () => {
    const producer = thread.producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    await producer.connect();
    const missing = {
      ...batch('x'),
      topicMessages: [{ topic: uniqueName('missing'), messages: [{ value: 'x', partition: 0 }] }],
    };
    const error: unknown = await producer.sendBatch(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'KafkaJSNumberOfRetriesExceeded',
      cause: { type: 'UNKNOWN_TOPIC_OR_PARTITION' },
    });
  });

  it('fails the calls waiting on a thread that died, and the next connect starts a new one', async () => {
    const producer = thread.producer({ idempotent: true });
    await producer.connect();
    // The thread's worker is private: reach it to kill it as a crash would.
    const worker = (thread as unknown as { worker: Worker }).worker;
    const waiting = producer.sendBatch(batch('lost'));
    await worker.terminate();
    await expect(waiting).rejects.toThrow(/producer thread stopped/);
    await expect(producer.sendBatch(batch('again'))).rejects.toThrow(/stopped; reconnect/);

    const replacement = thread.producer({ idempotent: true });
    await replacement.connect();
    await expect(replacement.sendBatch(batch('after'))).resolves.toHaveLength(1);
    await replacement.disconnect();
  });
});
