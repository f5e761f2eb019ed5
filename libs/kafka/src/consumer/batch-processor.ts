import { Logger } from '@nestjs/common';
import type { Batch, EachBatchPayload } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BackoffPolicy } from './backoff';
import type { BatchHandler } from './batch-handler';
import type { ConsumerMetrics } from './consumer-metrics';
import type { KafkaOffsetsCopy } from './kafka-offsets-copy';
import { planPartitionBatch } from './partition-batch-plan';
import type { PartitionPositions } from './partition-positions';
import { retryWhileRetriable, type RetriableClassifier } from './retry-while-retriable';

export interface BatchProcessorOptions {
  readonly groupId: string;
  readonly handle: BatchHandler;
  readonly backoff: BackoffPolicy;
  readonly isRetriable: RetriableClassifier;
  readonly heartbeatIntervalMs: number;
  readonly positions: PartitionPositions;
  readonly metrics: ConsumerMetrics;
  /** Kafka's committed offsets, for lag tooling: told of every durable checkpoint. */
  readonly offsetsCopy: KafkaOffsetsCopy;
  /** Moves the partition's fetch position (kafkajs `consumer.seek`). */
  readonly seek: (topic: string, partition: number, offset: bigint) => void;
  /** A programmer error: the consumer must stop. */
  readonly fail: (error: unknown, topic: string, partition: number) => void;
  /** Aborted when the consumer stops: backoff waits end at once. */
  readonly stopping: AbortSignal;
}

type Step =
  | { readonly kind: 'applied'; readonly nextOffset: bigint; readonly size: number }
  | { readonly kind: 'sought' };

/** Rebalance-related heartbeat failures: the assignment may have changed, give the batch up. */
const REBALANCE_ERRORS = new Set([
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
  'NOT_COORDINATOR_FOR_GROUP',
]);

/**
 * kafkajs' `eachBatch` for one partition batch: lines the batch up with the checkpoint (drops
 * what is already applied, seeks back over a gap), hands it to the handler, retries passing
 * failures with backoff while heartbeating (never skipping), and only after the handler made the
 * checkpoint durable resolves the offsets and has them copied to Kafka (for lag tooling).
 */
export class BatchProcessor {
  private readonly logger: Logger;

  constructor(private readonly options: BatchProcessorOptions) {
    this.logger = new Logger(`Consumer ${options.groupId}`);
  }

  async process(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const { topic, partition } = batch;
    const started = performance.now();
    let outcome;
    try {
      outcome = await retryWhileRetriable(() => this.processOnce(batch), {
        backoff: this.options.backoff,
        isRetriable: this.options.isRetriable,
        wait: (delayMs) => this.waitHeartbeating(payload, delayMs),
        onRetry: (error, attempt, delayMs) => {
          this.options.metrics.batchRetried(topic, partition);
          this.logger.warn({
            msg: 'applying a batch failed for a passing reason; retrying the same batch',
            topic,
            partition,
            firstOffset: batch.firstOffset(),
            attempt: attempt + 1,
            delayMs,
            err: describe(error),
          });
        },
      });
    } catch (error) {
      this.options.fail(error, topic, partition);
      return;
    }
    if (outcome.status === 'abandoned' || outcome.value.kind === 'sought') return;
    const { nextOffset, size } = outcome.value;
    payload.resolveOffset(batch.lastOffset());
    this.options.offsetsCopy.applied(topic, partition, nextOffset);
    this.options.metrics.batchApplied(
      topic,
      partition,
      size,
      performance.now() - started,
      BigInt(batch.highWatermark) - nextOffset,
    );
  }

  private async processOnce(batch: Batch): Promise<Step> {
    const { topic, partition } = batch;
    const { positions } = this.options;
    const position = await positions.get(topic, partition);
    const plan = planPartitionBatch(
      {
        fetchedOffset: fetchedOffsetOf(batch),
        lastOffset: BigInt(batch.lastOffset()),
        messages: batch.messages,
      },
      position.offset,
      positions.soughtTo(topic, partition),
    );
    if (plan.action === 'seek') {
      if (plan.reason === 'gap') {
        this.logger.warn({
          msg: 'fetched past the checkpoint; seeking back',
          topic,
          partition,
          checkpoint: String(plan.offset),
          fetchedOffset: String(fetchedOffsetOf(batch)),
        });
      }
      this.seekTo(topic, partition, plan.offset);
      return { kind: 'sought' };
    }
    const result = await this.options.handle({
      topic,
      partition,
      expectedOffset: position.offset,
      checkpointed: position.checkpointed,
      nextOffset: plan.nextOffset,
      messages: plan.messages,
      highWatermark: BigInt(batch.highWatermark),
    });
    if (result === 'stale') {
      positions.forget(topic, partition);
      const stored = await positions.get(topic, partition);
      this.logger.warn({
        msg: 'the checkpoint moved under this consumer (rebalance or switch-over); re-seeking from it',
        topic,
        partition,
        expected: String(position.offset),
        stored: String(stored.offset),
      });
      this.seekTo(topic, partition, stored.offset);
      return { kind: 'sought' };
    }
    positions.applied(topic, partition, plan.nextOffset);
    return { kind: 'applied', nextOffset: plan.nextOffset, size: plan.messages.length };
  }

  private seekTo(topic: string, partition: number, offset: bigint): void {
    this.options.positions.recordSeek(topic, partition, offset);
    this.options.seek(topic, partition, offset);
  }

  /** Sleeps `delayMs` in heartbeat-sized slices; false when the batch should be given up. */
  private async waitHeartbeating(payload: EachBatchPayload, delayMs: number): Promise<boolean> {
    const deadline = Date.now() + delayMs;
    const keepGoing = (): boolean =>
      payload.isRunning() && !payload.isStale() && !this.options.stopping.aborted;
    while (keepGoing() && Date.now() < deadline) {
      const slice = Math.min(deadline - Date.now(), this.options.heartbeatIntervalMs);
      try {
        await sleep(slice, undefined, { signal: this.options.stopping });
      } catch {
        return false;
      }
      try {
        await payload.heartbeat();
      } catch (error) {
        if (REBALANCE_ERRORS.has((error as { type?: string }).type ?? '')) return false;
      }
    }
    return keepGoing();
  }
}

function fetchedOffsetOf(batch: Batch): bigint {
  const fetched = (batch as Batch & { fetchedOffset?: string }).fetchedOffset;
  return BigInt(fetched ?? batch.firstOffset() ?? batch.lastOffset());
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
