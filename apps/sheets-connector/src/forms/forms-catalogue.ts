import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { EventsError, type EventSerde } from '@collect/events';
import { restartUntilStopped } from '@collect/kafka';
import { Logger } from '@nestjs/common';
import type { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { SheetsConnectorError } from '../sheets/sheets-connector-error';
import { QuestionTitles } from './question-titles';

/** Where the writer gets a form's current question titles. */
export interface FormTitles {
  /**
   * The titles of `formId`'s questions by questionId, as published at `formVersion` or later
   * when that is known in time; else the latest known (perhaps none).
   */
  titlesFor(formId: string, formVersion: number): Promise<ReadonlyMap<string, string>>;
  /** Called with the connector's start and stop. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

export interface FormsCatalogueOptions {
  readonly kafka: Kafka;
  readonly serde: EventSerde;
  /** `collect.forms.v1`. */
  readonly topic: string;
  /** Longest a delivery waits for the catalogue to reach what the forms topic holds. */
  readonly waitMs: number;
}

/** Fetching the topic's end offsets again sooner than this reuses the last answer. */
const END_OFFSETS_TTL_MS = 500;

/**
 * Every form's published question titles, read from the forms topic from the beginning on every
 * replica (a consumer group of its own per process, no commits, so every start replays it) and
 * folded by QuestionTitles. A response names the form version it answers: when the catalogue has
 * not applied that version yet, it waits (bounded) until it has, or until it has read everything
 * the topic held, then answers what it knows; nothing ever waits on it for long.
 */
export class FormsCatalogue implements FormTitles {
  private readonly logger = new Logger('FormsCatalogue');
  private readonly titles = new QuestionTitles();
  /** Next offset to read per partition. */
  private readonly consumed = new Map<number, bigint>();
  private readonly listeners = new Set<() => void>();
  private consumer: Consumer | undefined;
  private stopped = false;
  private admin: Admin | undefined;
  private ends: { readonly at: number; readonly offsets: Promise<Map<number, bigint>> } | undefined;

  constructor(private readonly options: FormsCatalogueOptions) {}

  async start(): Promise<void> {
    const { kafka, topic } = this.options;
    this.stopped = false;
    try {
      this.admin ??= kafka.admin();
      await this.admin.connect();
      const consumer = kafka.consumer({
        groupId: `collect.sheets.forms-catalogue.${hostname()}.${randomBytes(6).toString('hex')}`,
        allowAutoTopicCreation: false,
        retry: { restartOnFailure: restartUntilStopped(() => this.stopped) },
      });
      this.consumer = consumer;
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: ({ partition, message }) => this.onMessage(partition, message),
      });
    } catch (error) {
      await this.stop();
      throw new SheetsConnectorError('unavailable', `cannot read the forms topic ${topic}`, {
        cause: error,
      });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
    this.consumer = undefined;
  }

  async titlesFor(formId: string, formVersion: number): Promise<ReadonlyMap<string, string>> {
    const known = () => this.titles.publishedVersion(formId) >= formVersion;
    if (known()) return this.titles.titlesOf(formId);
    // A form known at an older version was republished for sure: never trust a cached end then.
    const fresh = this.titles.publishedVersion(formId) > 0;
    const deadline = Date.now() + this.options.waitMs;
    try {
      const ends = await Promise.race([
        this.endOffsets(fresh),
        delay(this.options.waitMs, undefined, { ref: false }),
      ]);
      if (ends) await this.waitUntil(() => known() || this.hasRead(ends), deadline - Date.now());
    } catch (error) {
      this.logger.warn({
        msg: 'cannot tell how far the forms topic goes; using the question titles known so far',
        err: (error as Error).message,
      });
    }
    return this.titles.titlesOf(formId);
  }

  private async onMessage(partition: number, message: KafkaMessage): Promise<void> {
    try {
      this.titles.apply(await this.options.serde.decode(message.value));
    } catch (error) {
      // Kafka redelivers (and the consumer restarts) while the registry is unreachable.
      if (error instanceof EventsError && error.retriable) throw error;
      this.logger.warn({
        msg: 'skipped a forms-topic message that is no readable event',
        partition,
        offset: message.offset,
        err: (error as Error).message,
      });
    }
    this.consumed.set(partition, BigInt(message.offset) + 1n);
    for (const listener of this.listeners) listener();
  }

  private hasRead(ends: ReadonlyMap<number, bigint>): boolean {
    for (const [partition, end] of ends) {
      if ((this.consumed.get(partition) ?? 0n) < end) return false;
    }
    return true;
  }

  private endOffsets(fresh: boolean): Promise<Map<number, bigint>> {
    const now = Date.now();
    if (!fresh && this.ends && now - this.ends.at < END_OFFSETS_TTL_MS) return this.ends.offsets;
    const admin = this.admin;
    if (!admin) return Promise.reject(new Error('the forms catalogue is not started'));
    const offsets = admin
      .fetchTopicOffsets(this.options.topic)
      .then((list) => new Map(list.map((p) => [p.partition, BigInt(p.high)])));
    offsets.catch(() => (this.ends = undefined));
    this.ends = { at: now, offsets };
    return offsets;
  }

  private waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
    if (done() || timeoutMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      const check = () => {
        if (done()) finish();
      };
      const timer = setTimeout(finish, timeoutMs);
      this.listeners.add(check);
    });
  }
}
