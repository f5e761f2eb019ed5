import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  backoffDelayMs,
  restartUntilStopped,
  retriableFlag,
  type BackoffPolicy,
} from '@collect/kafka';
import { Logger } from '@nestjs/common';
import type { Batch, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { groupOffsets } from '../checkpoints/group-checkpoints';
import type { DeliveryRound } from '../delivery/delivery-round';
import type { IntegrationBackoff } from '../delivery/integration-backoff';
import { positioned } from '../delivery/positioned-message';
import { describeError } from '../errors/connector-runtime-error';
import type { DeliveryTracker } from '../status/delivery-tracker';
import { noteOutcomes } from '../live/live-batch-handler';
import { needsSeek, type PartitionPlan } from './catch-up-plan';

export interface CatchUpReaderOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  /** The live group: its checkpoints bound what the reader serves. */
  readonly groupId: string;
  readonly round: DeliveryRound;
  readonly backoff: IntegrationBackoff;
  readonly tracker: DeliveryTracker;
  readonly maxBytesPerPartition: number;
  readonly maxWaitTimeInMs: number;
  readonly backoffPolicy: BackoffPolicy;
  /** Tells the runtime the plan may have changed (a partition finished, a round failed). */
  readonly wake: () => void;
  /** A non-retriable error (a bug): the runtime stops delivering. */
  readonly fail: (error: unknown) => void;
}

interface PartitionState {
  active: boolean;
  /** The next offset the reader will fetch (undefined: unknown until it seeks). */
  position: bigint | undefined;
  plan: PartitionPlan | undefined;
  /** After a failed round: consecutive failures and when to try again. */
  failures: number;
  retryAt: number;
}

/** Seeking forward past more than this is cheaper than reading through it. */
const skipAheadBeyond = 10_000n;

/**
 * Serves integrations that are behind the live group (backfill, replay, resume, a target that
 * failed): a consumer outside the live group (a throwaway group of its own that never commits)
 * reading only the partitions the plan names, each from the smallest lagging cursor, one
 * partition batch at a time. Its rounds take the same cursor locks as the live consumer's and
 * serve only integrations still below the group's position, so the hand-over to the live
 * consumer has no gap and no duplicate. It runs beside the live consumer, never in its way.
 */
export class CatchUpReader {
  private readonly logger = new Logger('CatchUp');
  private readonly partitions = new Map<number, PartitionState>();
  private consumer: Consumer | undefined;
  private joined = false;
  private desired = new Map<number, PartitionPlan>();
  private failure: string | undefined;
  private stopped = false;

  constructor(private readonly options: CatchUpReaderOptions) {}

  get problem(): string | undefined {
    return this.failure;
  }

  async start(): Promise<void> {
    const consumer = this.options.kafka.consumer({
      groupId: `${this.options.groupId}.catch-up.${randomUUID()}`,
      allowAutoTopicCreation: false,
      maxBytesPerPartition: this.options.maxBytesPerPartition,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs,
      retry: { retries: 8, restartOnFailure: restartUntilStopped(() => this.stopped) },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.joined = true;
      this.partitions.clear();
      const assigned = payload.memberAssignment[this.options.topic] ?? [];
      consumer.pause([{ topic: this.options.topic, partitions: [...assigned] }]);
      for (const partition of assigned) {
        this.partitions.set(partition, {
          active: false,
          position: undefined,
          plan: undefined,
          failures: 0,
          retryAt: 0,
        });
      }
      this.apply(this.desired);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.joined = false;
      this.failure = payload.error.message;
      this.logger.warn({
        msg: 'the catch-up reader crashed; kafkajs restarts it',
        err: payload.error.message,
      });
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [this.options.topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.process(payload),
    });
  }

  /** Starts in the background, retrying with backoff while Kafka is away, until `stopping`. */
  async run(stopping: AbortSignal): Promise<void> {
    for (let attempt = 0; !stopping.aborted; attempt++) {
      try {
        await this.start();
        return;
      } catch (error) {
        await this.stop();
        const delayMs = backoffDelayMs(this.options.backoffPolicy, attempt);
        this.logger.warn({
          msg: 'cannot start the catch-up reader yet; retrying',
          delayMs,
          err: describeError(error),
        });
        await sleep(delayMs, undefined, { signal: stopping }).catch(() => undefined);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect().catch((error: unknown) =>
      this.logger.warn({
        msg: 'disconnecting the catch-up reader failed',
        err: describeError(error),
      }),
    );
  }

  /** Reads exactly the planned partitions, each from where its plan needs. */
  apply(plans: ReadonlyMap<number, PartitionPlan>): void {
    this.desired = new Map(plans);
    const consumer = this.consumer;
    if (!consumer || !this.joined) return;
    const topic = this.options.topic;
    for (const [partition, state] of this.partitions) {
      const plan = plans.get(partition);
      state.plan = plan;
      if (!plan || state.retryAt > Date.now()) {
        if (state.active) consumer.pause([{ topic, partitions: [partition] }]);
        state.active = false;
        state.position = undefined;
        continue;
      }
      if (!state.active || needsSeek(state.position, plan, skipAheadBeyond)) {
        consumer.seek({ topic, partition, offset: String(plan.from) });
        state.position = plan.from;
      }
      if (!state.active) consumer.resume([{ topic, partitions: [partition] }]);
      state.active = true;
    }
  }

  private async process(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const state = this.partitions.get(batch.partition);
    if (!state?.active || !state.plan || payload.isStale()) return;
    if (batch.messages.length === 0) {
      payload.resolveOffset(batch.lastOffset());
      return;
    }
    const from = fetchedOffsetOf(batch);
    const last = BigInt(batch.lastOffset());
    try {
      const result = await this.options.round.run({
        topic: batch.topic,
        partition: batch.partition,
        messages: positioned(batch.topic, batch.partition, batch.messages),
        from,
        last,
        candidates: state.plan.integrations.filter(
          (integration) => !this.options.backoff.isResting(integration.integrationId),
        ),
        prepare: async (client) => ({
          proceed: true,
          below: (
            await groupOffsets(client, this.options.groupId, batch.topic, [batch.partition])
          ).get(batch.partition),
        }),
      });
      if (result.kind === 'settled') {
        noteOutcomes(result.settled, this.options.backoff, this.options.tracker);
        if (result.settled.some((served) => !served.settlement.complete)) this.options.wake();
      }
      this.failure = undefined;
      state.failures = 0;
      payload.resolveOffset(batch.lastOffset());
      if (state.position === undefined || last + 1n > state.position) state.position = last + 1n;
    } catch (error) {
      // The cursors are unchanged: after a backoff the next plan seeks back to them.
      this.failure = describeError(error);
      state.position = undefined;
      state.active = false;
      this.consumer?.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
      if (!retriableFlag(error)) {
        this.options.fail(error);
        return;
      }
      const delayMs = backoffDelayMs(this.options.backoffPolicy, state.failures++);
      state.retryAt = Date.now() + delayMs;
      this.logger.warn({
        msg: 'a catch-up round failed for a passing reason; the partition is read again from its cursors after a backoff',
        topic: batch.topic,
        partition: batch.partition,
        delayMs,
        err: this.failure,
      });
      setTimeout(this.options.wake, delayMs).unref();
    }
  }
}

function fetchedOffsetOf(batch: Batch): bigint {
  const fetched = (batch as Batch & { fetchedOffset?: string }).fetchedOffset;
  return BigInt(fetched ?? batch.firstOffset() ?? batch.lastOffset());
}
