import type { KafkaMessage } from 'kafkajs';

/** One partition's messages to apply, starting exactly at the stored checkpoint. */
export interface PartitionBatch {
  readonly topic: string;
  readonly partition: number;
  /** The checkpoint the batch starts from: compare-and-set against it. */
  readonly expectedOffset: bigint;
  /** False when no checkpoint was stored yet (expectedOffset is then 0): insert it, do not update. */
  readonly checkpointed: boolean;
  /** The checkpoint after this batch. */
  readonly nextOffset: bigint;
  readonly messages: readonly KafkaMessage[];
  /** The partition's high watermark when fetched (for lag). */
  readonly highWatermark: bigint;
}

/**
 * applied: the batch's effects and its checkpoint (`nextOffset`) are durable.
 * stale: the compare-and-set found another checkpoint (another instance moved it, or the target
 * changed); nothing was applied and the consumer re-seeks from the stored checkpoint.
 */
export type BatchResult = 'applied' | 'stale';

/**
 * Applies one batch. Throw an error with `retriable: true` for passing failures (the same batch is
 * retried with backoff, never skipped); any other error is a programmer error and stops the consumer.
 */
export type BatchHandler = (batch: PartitionBatch) => Promise<BatchResult>;
