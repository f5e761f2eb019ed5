import type { Kafka } from 'kafkajs';
import { BatchingProducer, type BatchingProducerOptions } from './batching-producer';
import { PartitionRecorder } from './partition-recorder';

/**
 * A BatchingProducer over idempotent kafkajs producers (acks -1) using kafkajs' default
 * partitioner. Retries are bounded so an unreachable Kafka fails a batch within seconds (the
 * caller answers 503) instead of retrying forever; after a failed batch the producer is replaced,
 * so its sequence numbers are never reused.
 */
export function createKafkaBatchingProducer(
  kafka: Kafka,
  options: Omit<BatchingProducerOptions, 'createProducer' | 'partitionOf'> = {},
): BatchingProducer {
  const partitions = new PartitionRecorder();
  return new BatchingProducer({
    ...options,
    partitionOf: partitions.partitionOf,
    createProducer: () =>
      kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: partitions.wrap(),
        retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 },
      }),
  });
}
