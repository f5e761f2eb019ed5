import { Partitioners, type Kafka } from 'kafkajs';
import { BatchingProducer, type BatchingProducerOptions } from './batching-producer';

/**
 * A BatchingProducer over idempotent kafkajs producers (acks -1). Retries are bounded so an
 * unreachable Kafka fails a batch within seconds (the caller answers 503) instead of retrying
 * forever; after a failed batch the producer is replaced, so its sequence numbers are never
 * reused. Every message names its partition.
 */
export function createKafkaBatchingProducer(
  kafka: Kafka,
  options: Omit<BatchingProducerOptions, 'createProducer'> = {},
): BatchingProducer {
  return new BatchingProducer({
    ...options,
    createProducer: () =>
      kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 },
        // Unused (every message names its partition); set so kafkajs does not warn about its default.
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
  });
}
