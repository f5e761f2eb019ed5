import type { Kafka, Producer } from 'kafkajs';
import {
  PartitionBatchConsumer,
  type PartitionBatchConsumerOptions,
} from '../partition-batch-consumer';
import { uniqueName } from '../../../../../test/support/names';
import type { BatchHandler, PartitionBatch } from '../batch-handler';
import type { CheckpointStore } from '../checkpoint-store';

/** Checkpoints and effects in memory, with the compare-and-set a real store does in SQL. */
export class MemoryLedger implements CheckpointStore {
  readonly checkpoints = new Map<number, bigint>();
  readonly applied: string[] = [];
  failNext: Error | undefined;

  load(_topic: string, partitions: readonly number[]): Promise<ReadonlyMap<number, bigint>> {
    return Promise.resolve(
      new Map(
        partitions.flatMap((p) =>
          this.checkpoints.has(p) ? [[p, this.checkpoints.get(p)!] as const] : [],
        ),
      ),
    );
  }

  readonly handle: BatchHandler = (batch: PartitionBatch) => {
    const failure = this.failNext;
    if (failure) {
      this.failNext = undefined;
      return Promise.reject(failure);
    }
    const stored = this.checkpoints.get(batch.partition);
    if ((stored ?? 0n) !== batch.expectedOffset || (stored !== undefined) !== batch.checkpointed) {
      return Promise.resolve('stale');
    }
    this.applied.push(...batch.messages.map((m) => m.value!.toString()));
    this.checkpoints.set(batch.partition, batch.nextOffset);
    return Promise.resolve('applied');
  };
}

export async function topicWith(kafka: Kafka, partitions: number): Promise<string> {
  const topic = uniqueName('consumer');
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: partitions }],
    waitForLeaders: true,
  });
  await admin.disconnect();
  return topic;
}

export async function send(
  producer: Producer,
  topic: string,
  values: string[],
  partition = 0,
): Promise<void> {
  await producer.send({ topic, acks: -1, messages: values.map((value) => ({ value, partition })) });
}

export const backoff = { initialMs: 50, maxMs: 500 };
export const values = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `m${from + i}`);

/** Starts consumers with test-friendly timings on `kafka` and stops them all at the end. */
export class TestConsumers {
  private readonly started: PartitionBatchConsumer[] = [];

  constructor(private readonly kafka: Kafka) {}

  start(options: Omit<PartitionBatchConsumerOptions, 'kafka' | 'backoff'>): PartitionBatchConsumer {
    const consumer = new PartitionBatchConsumer({
      kafka: this.kafka,
      backoff,
      maxWaitTimeInMs: 50,
      ...options,
    });
    consumer.start();
    this.started.push(consumer);
    return consumer;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map((consumer) => consumer.stop()));
  }
}
