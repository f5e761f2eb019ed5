import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { eventually } from '../../../../test/support/eventually';
import { uniqueName } from '../../../../test/support/names';
import { stackEnv } from '../../../../test/support/stack-env';
import { BatchingProducer, type RecordPosition } from './batching-producer';
import { partitionForKey } from '../events/key-partition';

describe('BatchingProducer against the real broker', () => {
  const kafka = new Kafka({
    clientId: 'batching-int',
    brokers: stackEnv().kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const topic = uniqueName('test.batching');

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
  });

  it("aggregates 300 concurrent sends into a few sendBatch calls and tells each caller its message's real partition and offset", async () => {
    let sendBatchCalls = 0;
    const batching = new BatchingProducer({
      createProducer: () => {
        const producer = kafka.producer({
          idempotent: true,
          maxInFlightRequests: 1,
          createPartitioner: Partitioners.DefaultPartitioner,
        });
        return {
          connect: () => producer.connect(),
          disconnect: () => producer.disconnect(),
          sendBatch: (batch) => {
            sendBatchCalls += 1;
            return producer.sendBatch(batch);
          },
        };
      },
    });
    const positions = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        batching.send(topic, {
          key: `form-${i % 7}`,
          value: Buffer.from(`message-${i}`),
          partition: partitionForKey(topic, `form-${i % 7}`, 3),
        }),
      ),
    );
    await batching.close();
    expect(sendBatchCalls).toBeLessThanOrEqual(10);

    const stored = new Map<string, string>();
    const consumer = kafka.consumer({ groupId: uniqueName('batching-int') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ partition, message }) => {
        stored.set(`${partition}@${message.offset}`, String(message.value));
        return Promise.resolve();
      },
    });
    await eventually(() => stored.size === 300, 'all 300 messages consumed');
    await consumer.disconnect();
    positions.forEach((position: RecordPosition, i) => {
      expect(stored.get(`${position.partition}@${position.offset}`)).toBe(`message-${i}`);
    });
  });
});
