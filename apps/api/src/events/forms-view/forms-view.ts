import { EventSerde, EventsError, type CollectEvent } from '@collect/events';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { metrics } from '@opentelemetry/api';
import { restartUntilStopped } from '@collect/kafka';
import type { Consumer, EachMessagePayload } from 'kafkajs';
import { Kafka } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { FormState } from '../../forms/domain';
import type { EventPosition } from '../event-position';
import { EVENTS_OPTIONS, type ResolvedEventsOptions } from '../events-options';
import { EventsUnavailableError } from '../events-unavailable.error';
import { AppliedOffsets } from './applied-offsets';
import { FormStates, type PublishedForm } from './form-states';
import { FreshCall } from './fresh-call';
import { TopicWatermarks } from './topic-watermarks';

export type SkipReason = 'undecodable' | 'out_of_sequence' | 'not_a_form_event';

/**
 * Every form in memory (FormState per formId via the domain's `evolve`), kept current by reading
 * the forms topic from the beginning on every replica: a consumer group of its own per process
 * (kafkajs cannot assign partitions by hand), no offset commits, so every start replays the topic.
 *
 * Read-your-writes: `catchUp()` waits until everything Kafka holds now has been applied, so a form
 * created or published on another replica a moment ago is seen; `publishedDefinition` does that
 * once before it answers "unknown".
 *
 * Memory: one form is a few KB (draft + published definition, sharing unchanged questions);
 * expect ~10 KB per form with 50 questions, so 10,000 forms ≈ 100 MB per replica. Beyond some
 * 50,000 forms keep only published definitions here and read drafts from a read model.
 */
@Injectable()
export class FormsView implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('FormsView');
  private readonly states = new FormStates();
  private readonly offsets = new AppliedOffsets();
  private readonly watermarks: TopicWatermarks;
  private readonly freshWatermarks: FreshCall<ReadonlyMap<number, bigint>>;
  private readonly skippedCounter = metrics
    .getMeter('collect-api')
    .createCounter('collect.forms_view.skipped', {
      description: 'messages on the forms topic the forms view skipped, by reason',
    });
  private readonly skipped: Record<SkipReason, number> = {
    undecodable: 0,
    out_of_sequence: 0,
    not_a_form_event: 0,
  };
  private consumer: Consumer | undefined;
  private initiallyCaughtUp = false;
  private crashed: Error | undefined;
  private stopping = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly serde: EventSerde,
    @Inject(EVENTS_OPTIONS) private readonly options: ResolvedEventsOptions,
  ) {
    this.watermarks = new TopicWatermarks(kafka, options.topics.forms);
    this.freshWatermarks = new FreshCall(() => this.watermarks.fetch());
  }

  get topic(): string {
    return this.options.topics.forms;
  }

  /** Ready once the first catch-up after start finished, and while the consumer runs. */
  get health(): { readonly ready: boolean; readonly reason?: string } {
    if (this.crashed) return { ready: false, reason: `consumer stopped: ${this.crashed.message}` };
    if (!this.initiallyCaughtUp) return { ready: false, reason: 'replaying the forms topic' };
    return { ready: true };
  }

  /** Messages skipped since start, by reason (also the `collect.forms_view.skipped` counter). */
  get skips(): Readonly<Record<SkipReason, number>> {
    return { ...this.skipped };
  }

  get formCount(): number {
    return this.states.size;
  }

  async onModuleInit(): Promise<void> {
    const groupId = `collect.api.forms-view.${hostname()}.${randomBytes(6).toString('hex')}`;
    const consumer = this.kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      retry: { restartOnFailure: restartUntilStopped(() => this.stopping) },
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      this.crashed = payload.error;
      this.logger.error({ msg: 'the forms view consumer stopped', err: payload.error.message });
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachMessage: (payload) => this.onMessage(payload) });
    void this.initialCatchUp();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.offsets.abandonAll();
    await this.consumer?.disconnect().catch(() => undefined);
    await this.watermarks.close();
  }

  /** The form's state as applied so far (`not_created` when unknown). */
  get(formId: string): FormState {
    return this.states.get(formId);
  }

  /**
   * Waits until the view applied everything the forms topic holds at the time of the call.
   * Rejects with EventsUnavailableError when Kafka does not answer or the view cannot get there
   * within `timeoutMs`.
   */
  async catchUp(timeoutMs: number = this.options.catchUpTimeoutMs): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let targets: ReadonlyMap<number, bigint>;
    try {
      targets = await withDeadline(this.freshWatermarks.get(), timeoutMs);
    } catch (error) {
      throw this.unavailable('cannot read the forms topic offsets from Kafka', error);
    }
    if (!(await this.offsets.waitUntil(targets, Math.max(deadline - Date.now(), 0)))) {
      throw this.unavailable(`the forms view did not catch up within ${timeoutMs} ms`);
    }
  }

  /** Waits until the view applied the event at `position` (a position on the forms topic). */
  async waitFor(
    position: EventPosition,
    timeoutMs: number = this.options.catchUpTimeoutMs,
  ): Promise<void> {
    if (position.topic !== this.topic) {
      throw new Error(`the forms view reads ${this.topic}, not ${position.topic}`);
    }
    const target = new Map([[position.partition, BigInt(position.offset) + 1n]]);
    if (!(await this.offsets.waitUntil(target, timeoutMs))) {
      throw this.unavailable(
        `the forms view did not apply ${position.topic}/${position.partition}@${position.offset} within ${timeoutMs} ms`,
      );
    }
  }

  /**
   * The published definition of the organisation's form, or undefined when it has none (unknown,
   * another organisation's, or never published). Answers from memory; only on a miss does it
   * catch up once (bounded, may reject with EventsUnavailableError) before saying unknown.
   * A form closed on another replica a moment ago may still read as published until applied.
   */
  async publishedDefinition(orgId: string, formId: string): Promise<PublishedForm | undefined> {
    const known = this.states.published(orgId, formId);
    if (known) return known;
    await this.catchUp();
    return this.states.published(orgId, formId);
  }

  private async onMessage(payload: EachMessagePayload): Promise<void> {
    const { partition, message } = payload;
    const event = await this.decode(partition, message.offset, message.value, () =>
      payload.heartbeat(),
    );
    if (event) {
      const outcome = this.states.apply(event);
      if (outcome !== 'applied') this.skip(outcome, partition, message.offset, event);
    }
    this.offsets.applied(partition, BigInt(message.offset));
  }

  /** Undefined for a value that can never decode; retries while the registry is unreachable. */
  private async decode(
    partition: number,
    offset: string,
    value: Buffer | null,
    heartbeat: () => Promise<void>,
  ): Promise<CollectEvent | undefined> {
    for (let delayMs = 200; ; delayMs = Math.min(delayMs * 2, 5_000)) {
      try {
        return await this.serde.decode(value);
      } catch (error) {
        const retriable = error instanceof EventsError && error.retriable;
        if (!retriable || this.stopping) {
          this.skip('undecodable', partition, offset, undefined, error);
          return undefined;
        }
        this.logger.warn({
          msg: 'cannot decode a forms event yet (schema registry unavailable); retrying',
          partition,
          offset,
          err: (error as Error).message,
        });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        await heartbeat().catch(() => undefined);
      }
    }
  }

  /** Logs where and why, never the value (it may carry answers). */
  private skip(
    reason: SkipReason,
    partition: number,
    offset: string,
    event?: CollectEvent,
    error?: unknown,
  ): void {
    this.skipped[reason] += 1;
    this.skippedCounter.add(1, { reason });
    this.logger.warn({
      msg: 'the forms view skipped a message',
      reason,
      topic: this.topic,
      partition,
      offset,
      ...(event ? { type: event.type, eventId: event.eventId } : {}),
      ...(error instanceof EventsError ? { code: error.code, err: error.message } : {}),
    });
  }

  private async initialCatchUp(): Promise<void> {
    for (let delayMs = 500; !this.stopping; delayMs = Math.min(delayMs * 2, 10_000)) {
      try {
        await this.catchUp(60_000);
        this.initiallyCaughtUp = true;
        this.logger.log({ msg: 'the forms view caught up', forms: this.states.size });
        return;
      } catch (error) {
        this.logger.warn({
          msg: 'the forms view has not caught up yet; retrying',
          err: (error as Error).message,
        });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  private unavailable(message: string, cause?: unknown): EventsUnavailableError {
    return new EventsUnavailableError(message, this.options.retryAfterSeconds, { cause });
  }
}

async function withDeadline<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  promise.catch(() => undefined);
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
