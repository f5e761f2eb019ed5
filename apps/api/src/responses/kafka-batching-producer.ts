import type { ProducerThread } from '@collect/kafka';
import { BatchingProducer, type BatchingProducerOptions } from './batching-producer';

/**
 * A BatchingProducer over idempotent kafkajs producers (acks -1) on a producer thread. Retries are
 * bounded so an unreachable Kafka fails a batch within seconds (the caller answers 503) instead
 * of retrying forever; after a failed batch the producer is replaced, so its sequence numbers are
 * never reused. Every message names its partition.
 */
export function createKafkaBatchingProducer(
  thread: ProducerThread,
  options: Omit<BatchingProducerOptions, 'createProducer'> = {},
): BatchingProducer {
  return new BatchingProducer({
    ...options,
    createProducer: () =>
      thread.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 },
      }),
  });
}
