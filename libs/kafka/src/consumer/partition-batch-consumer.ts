import { Logger } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelayMs, type BackoffPolicy } from './backoff';
import type { BatchHandler } from './batch-handler';
import { BatchProcessor } from './batch-processor';
import type { CheckpointStore } from './checkpoint-store';
import { ConsumerMetrics } from './consumer-metrics';
import { KafkaOffsetsCopy } from './kafka-offsets-copy';
import { PartitionPositions } from './partition-positions';
import { restartUntilStopped } from './restart-until-stopped';
import { retriableFlag, type RetriableClassifier } from './retry-while-retriable';

export interface PartitionBatchConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Where each partition starts: read on assignment and after a stale compare-and-set. */
  readonly checkpoints: CheckpointStore;
  /** Applies one partition's batch and its checkpoint, atomically. */
  readonly handle: BatchHandler;
  /** Between retries of a failed batch, and between reconnection attempts. */
  readonly backoff: BackoffPolicy;
  /** Defaults to the error's own `retriable` flag. */
  readonly isRetriable?: RetriableClassifier;
  /** Most bytes fetched per partition (bounds a batch). kafkajs default 1 MiB. */
  readonly maxBytesPerPartition?: number;
  /**
   * Most bytes one fetch brings back over all partitions (kafkajs `maxBytes`, default 10 MiB; the
   * broker caps it at its `fetch.max.bytes`). Below `maxBytesPerPartition` × partitions, a fetch
   * holds only the first few partitions' batches, and the others wait for the next fetch.
   */
  readonly maxBytesPerFetch?: number;
  /** How long the broker may hold a fetch waiting for data. kafkajs default 5000. */
  readonly maxWaitTimeInMs?: number;
  readonly partitionsConsumedConcurrently?: number;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** Longest delay of Kafka's committed offsets (lag tooling) behind the checkpoints. Default 1000. */
  readonly lagCommitIntervalMs?: number;
  /** Told the partitions this member owns after every rebalance (e.g. to share work by partition). */
  readonly onAssigned?: (assignment: Readonly<Record<string, readonly number[]>>) => void;
}

export interface ConsumerHealth {
  readonly ready: boolean;
  readonly reason?: string;
}

type State = 'idle' | 'connecting' | 'running' | 'stopped';

/**
 * A consumer-group member that hands one partition's batch at a time to a handler which applies
 * it together with its checkpoint (checkpoint-as-data, compare-and-set). kafkajs' committed
 * offsets are only a copy for lag tooling, written after the checkpoint is durable; where a
 * partition starts always comes from the checkpoint store.
 *
 * Outages: a batch whose handler fails with a retriable error is retried (backoff, heartbeats)
 * until it succeeds; Kafka going away makes kafkajs restart the member, and anything kafkajs
 * gives up on is restarted here with backoff, so the process never crashes into a restart loop.
 * A non-retriable handler error stops the consumer and makes `health` report it.
 */
export class PartitionBatchConsumer {
  private readonly logger: Logger;
  private readonly positions: PartitionPositions;
  private readonly processor: BatchProcessor;
  private readonly metrics: ConsumerMetrics;
  private readonly offsetsCopy: KafkaOffsetsCopy;
  private readonly stopController = new AbortController();
  private consumer: Consumer | undefined;
  private state: State = 'idle';
  /** Set by a non-retriable batch error: the consumer stays stopped. */
  private failed = false;
  private problem: string | undefined;
  private supervision: Promise<void> | undefined;
  private crashedForGood: (() => void) | undefined;

  constructor(private readonly options: PartitionBatchConsumerOptions) {
    this.logger = new Logger(`Consumer ${options.groupId}`);
    this.positions = new PartitionPositions(options.checkpoints);
    const metrics = (this.metrics = new ConsumerMetrics(options.groupId));
    this.offsetsCopy = new KafkaOffsetsCopy({
      commit: async (offsets) => this.consumer?.commitOffsets(offsets),
      intervalMs: options.lagCommitIntervalMs ?? 1_000,
      onError: (error) =>
        this.logger.debug({
          msg: 'committing offsets to Kafka failed (the checkpoints are durable)',
          err: describe(error),
        }),
    });
    this.processor = new BatchProcessor({
      groupId: options.groupId,
      handle: options.handle,
      backoff: options.backoff,
      isRetriable: options.isRetriable ?? retriableFlag,
      heartbeatIntervalMs: this.heartbeatIntervalMs,
      positions: this.positions,
      metrics,
      offsetsCopy: this.offsetsCopy,
      seek: (topic, partition, offset) => this.seek(topic, partition, offset),
      fail: (error, topic, partition) => this.fail(error, topic, partition),
      stopping: this.stopController.signal,
    });
  }

  get health(): ConsumerHealth {
    if (this.failed) return { ready: false, reason: `consumer failed: ${this.problem}` };
    if (this.state === 'running') return { ready: true };
    return {
      ready: false,
      reason: `consumer ${this.state}${this.problem ? `: ${this.problem}` : ''}`,
    };
  }

  /** Joins the group in the background (retrying while Kafka is unreachable). */
  start(): void {
    this.supervision ??= this.supervise();
  }

  /** Finishes or abandons the in-flight batches (never half-applied) and leaves the group. */
  async stop(): Promise<void> {
    this.stopController.abort();
    this.crashedForGood?.();
    await this.supervision;
    await this.offsetsCopy.flush();
    await this.disconnect();
    this.state = 'stopped';
  }

  private get heartbeatIntervalMs(): number {
    return this.options.heartbeatIntervalMs ?? 3_000;
  }

  private get stopping(): boolean {
    return this.stopController.signal.aborted;
  }

  private async supervise(): Promise<void> {
    for (let attempt = 0; !this.stopping && !this.failed; attempt++) {
      this.state = 'connecting';
      try {
        const crashed = new Promise<void>((resolve) => (this.crashedForGood = resolve));
        await this.connectAndRun();
        attempt = 0;
        await crashed;
      } catch (error) {
        this.problem = describe(error);
        this.logger.warn({
          msg: 'cannot join the consumer group yet; retrying',
          err: this.problem,
        });
      }
      if (this.stopping || this.failed) return;
      this.offsetsCopy.discard();
      await this.disconnect();
      await sleep(backoffDelayMs(this.options.backoff, attempt), undefined, {
        signal: this.stopController.signal,
      }).catch(() => undefined);
    }
  }

  private async connectAndRun(): Promise<void> {
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: this.heartbeatIntervalMs,
      ...(this.options.maxBytesPerPartition
        ? { maxBytesPerPartition: this.options.maxBytesPerPartition }
        : {}),
      ...(this.options.maxBytesPerFetch ? { maxBytes: this.options.maxBytesPerFetch } : {}),
      ...(this.options.maxWaitTimeInMs !== undefined
        ? { maxWaitTimeInMs: this.options.maxWaitTimeInMs }
        : {}),
      retry: {
        initialRetryTime: this.options.backoff.initialMs,
        maxRetryTime: this.options.backoff.maxMs,
        retries: 8,
        restartOnFailure: restartUntilStopped(() => this.stopping || this.failed),
      },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
      this.onAssigned(payload.memberAssignment),
    );
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (this.stopping || this.failed) return;
      this.state = 'connecting';
      this.problem = payload.error.message;
      this.logger.warn({
        msg: payload.restart
          ? 'Kafka consumer crashed; kafkajs restarts it'
          : 'Kafka consumer crashed; restarting it',
        err: payload.error.message,
      });
      if (!payload.restart) this.crashedForGood?.();
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.options.topics], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.processor.process(payload),
    });
  }

  private onAssigned(assignment: Readonly<Record<string, readonly number[]>>): void {
    if (!this.failed) {
      this.state = 'running';
      this.problem = undefined;
    }
    this.metrics.assigned(assignment);
    this.logger.log({ msg: 'partitions assigned', assignment });
    this.options.onAssigned?.(assignment);
    this.positions.reassigned(assignment).then(
      (seeks) =>
        seeks?.forEach(({ topic, partition, offset }) => this.seek(topic, partition, offset)),
      // Batches load their partition's checkpoint themselves; this was only a head start.
      (error: unknown) =>
        this.logger.warn({
          msg: 'cannot read the checkpoints after assignment yet',
          err: describe(error),
        }),
    );
  }

  private seek(topic: string, partition: number, offset: bigint): void {
    this.positions.recordSeek(topic, partition, offset);
    try {
      this.consumer?.seek({ topic, partition, offset: String(offset) });
    } catch (error) {
      this.logger.warn({ msg: 'seek failed', topic, partition, err: describe(error) });
    }
  }

  private fail(error: unknown, topic: string, partition: number): void {
    if (this.failed) return;
    this.failed = true;
    this.problem = `${describe(error)} (applying ${topic}/${partition}); fix and restart`;
    this.logger.error({
      msg: 'a batch failed with a non-retriable error (a bug, not an outage): the consumer stops; nothing was skipped',
      topic,
      partition,
      err: error,
    });
    this.crashedForGood?.();
    // Not awaited: stop() waits for this very batch to return.
    void this.consumer?.stop().catch(() => undefined);
  }

  private async disconnect(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer
      ?.disconnect()
      .catch((error: unknown) =>
        this.logger.warn({ msg: 'disconnecting the consumer failed', err: describe(error) }),
      );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
