export { restartUntilStopped } from './restart-until-stopped';
export { backoffDelayMs, type BackoffPolicy } from './backoff';
export type { BatchHandler, BatchResult, PartitionBatch } from './batch-handler';
export type { CheckpointStore } from './checkpoint-store';
export {
  PartitionBatchConsumer,
  type ConsumerHealth,
  type PartitionBatchConsumerOptions,
} from './partition-batch-consumer';
export { planPartitionBatch, type PartitionBatchPlan } from './partition-batch-plan';
export {
  retriableFlag,
  retryWhileRetriable,
  type RetriableClassifier,
  type RetryOptions,
  type RetryOutcome,
} from './retry-while-retriable';
