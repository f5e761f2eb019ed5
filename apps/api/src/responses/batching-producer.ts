import type { Message, Producer, RecordMetadata, TopicMessages } from 'kafkajs';
import { ProduceError, produceErrorFrom } from './produce-error';

/** Where Kafka stored one message. Offsets are decimal strings, as kafkajs reports them. */
export interface RecordPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** A message that names its partition: the batcher reports each caller's offset in it. */
export type PartitionedMessage = Message & { readonly partition: number };

/** The part of a kafkajs `Producer` the batcher uses (a fake in unit tests). */
export type BatchSender = Pick<Producer, 'connect' | 'disconnect' | 'sendBatch'>;

export interface BatchingProducerOptions {
  /**
   * Creates an idempotent producer (acks -1). Called lazily, and again after a failed batch: a
   * fresh producer id never reuses the sequence numbers of a batch whose fate is unknown.
   */
  readonly createProducer: () => BatchSender;
  /** How long a message waits for others before its batch leaves (kafkajs has no linger). */
  readonly lingerMs?: number;
  readonly maxBatchMessages?: number;
  /** Approximate bytes (key + value + headers) per sendBatch call; one bigger message still goes alone. */
  readonly maxBatchBytes?: number;
  /**
   * Batches in flight at a time. Each goes through a producer of its own: an idempotent kafkajs
   * producer sends one request per broker at a time, so a second batch on the same producer would
   * only queue behind the first. Batches in flight together carry concurrent submissions, whose
   * relative order nobody observed; a client that waits for its 202 before the next submission
   * still sees them stored in that order. Two (the default) measured a little cheaper per message
   * than four (fewer, larger produce requests) with the same latency at 1,000/s (tools/bench).
   */
  readonly maxInFlight?: number;
  /**
   * A message still queued after this long is dropped and its caller rejected (retriable). A sent
   * one settles with its batch, bounded by the producer's own retries and request timeout.
   */
  readonly deliveryTimeoutMs?: number;
  /** Broker-side wait for the in-sync replicas (produce request `timeout`). */
  readonly ackTimeoutMs?: number;
}

const defaults = {
  lingerMs: 2,
  maxBatchMessages: 500,
  maxBatchBytes: 1024 * 1024,
  maxInFlight: 2,
  deliveryTimeoutMs: 5_000,
  ackTimeoutMs: 5_000,
};

type Settings = Omit<Required<BatchingProducerOptions>, 'createProducer'>;

interface Entry {
  readonly topic: string;
  readonly message: PartitionedMessage;
  readonly bytes: number;
  state: 'queued' | 'sent' | 'settled';
  /** Date.now() past which a still-queued message is dropped (the delivery timeout). */
  readonly expiresAt: number;
  resolve(position: RecordPosition): void;
  reject(error: ProduceError): void;
}

const sizeOf = (value: Message['key'] | Message['value']): number =>
  value === null || value === undefined ? 0 : Buffer.byteLength(value);

const messageBytes = (message: Message): number => {
  let bytes = 70 + sizeOf(message.key) + sizeOf(message.value);
  const headers = message.headers ?? {};
  // for…in, not Object.entries: this runs for every submission, and entries allocates arrays.
  for (const name in headers) {
    const value = headers[name];
    bytes +=
      name.length + (typeof value === 'string' || Buffer.isBuffer(value) ? sizeOf(value) : 0);
  }
  return bytes;
};

/**
 * Aggregates concurrent `send` calls into kafkajs `sendBatch` calls bounded by message count,
 * bytes and a linger time. Each caller's promise resolves with its own partition and offset once
 * Kafka acknowledged its batch, or rejects with a `ProduceError` when that batch failed or the
 * message waited in the queue past the delivery timeout (then it is never sent). A caller is never
 * told "failed" while its message may still be written by a batch in flight.
 */
export class BatchingProducer {
  private readonly settings: Settings;
  private queue: Entry[] = [];
  private queuedMessages = 0;
  private queuedBytes = 0;
  private lingerTimer: NodeJS.Timeout | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private readonly inFlightBatches = new Set<Promise<void>>();
  /** One producer per batch in flight; `busy` while it carries a batch. */
  private readonly producers: ProducerSlot[] = [];
  private closed = false;

  constructor(private readonly options: BatchingProducerOptions) {
    this.settings = {
      lingerMs: options.lingerMs ?? defaults.lingerMs,
      maxBatchMessages: options.maxBatchMessages ?? defaults.maxBatchMessages,
      maxBatchBytes: options.maxBatchBytes ?? defaults.maxBatchBytes,
      maxInFlight: options.maxInFlight ?? defaults.maxInFlight,
      deliveryTimeoutMs: options.deliveryTimeoutMs ?? defaults.deliveryTimeoutMs,
      ackTimeoutMs: options.ackTimeoutMs ?? defaults.ackTimeoutMs,
    };
  }

  send(topic: string, message: PartitionedMessage): Promise<RecordPosition> {
    if (this.closed) {
      return Promise.reject(new ProduceError('producer_closed', 'the producer is shutting down'));
    }
    return new Promise<RecordPosition>((resolve, reject) => {
      const entry: Entry = {
        topic,
        message,
        bytes: messageBytes(message),
        state: 'queued',
        expiresAt: Date.now() + this.settings.deliveryTimeoutMs,
        resolve,
        reject,
      };
      this.queue.push(entry);
      if (this.expiryTimer === undefined) this.armExpiry(entry.expiresAt);
      this.queuedMessages += 1;
      this.queuedBytes += entry.bytes;
      this.schedule();
    });
  }

  /** Sends what is queued, waits for every batch in flight, then disconnects. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    while (this.queuedMessages > 0 || this.inFlight > 0) {
      this.dispatch();
      if (this.inFlightBatches.size === 0) break;
      await Promise.allSettled([...this.inFlightBatches]);
    }
    if (this.queuedMessages === 0) {
      clearTimeout(this.expiryTimer);
      this.expiryTimer = undefined;
    }
    const clients = this.producers.splice(0).flatMap(({ client }) => (client ? [client] : []));
    await Promise.all(clients.map((client) => client.disconnect().catch(() => undefined)));
  }

  private schedule(): void {
    if (this.inFlight >= this.settings.maxInFlight) return; // drained when a batch settles
    const full =
      this.queuedMessages >= this.settings.maxBatchMessages ||
      this.queuedBytes >= this.settings.maxBatchBytes;
    if (full) {
      clearTimeout(this.lingerTimer);
      this.lingerTimer = undefined;
      this.dispatch();
    } else if (this.lingerTimer === undefined) {
      this.lingerTimer = setTimeout(() => {
        this.lingerTimer = undefined;
        this.dispatch();
      }, this.settings.lingerMs);
    }
  }

  private dispatch(): void {
    while (this.inFlight < this.settings.maxInFlight && this.queuedMessages > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) break;
      this.inFlight += 1;
      const sending = this.sendBatch(batch).finally(() => {
        this.inFlight -= 1;
        this.inFlightBatches.delete(sending);
        // Messages queued during the round trip have waited long enough: send them now.
        if (this.queuedMessages > 0) this.dispatch();
      });
      this.inFlightBatches.add(sending);
    }
  }

  private takeBatch(): Entry[] {
    const batch: Entry[] = [];
    let bytes = 0;
    let index = 0;
    for (; index < this.queue.length; index += 1) {
      const entry = this.queue[index]!;
      if (entry.state !== 'queued') continue;
      if (batch.length >= this.settings.maxBatchMessages) break;
      if (batch.length > 0 && bytes + entry.bytes > this.settings.maxBatchBytes) break;
      batch.push(entry);
      bytes += entry.bytes;
      entry.state = 'sent';
      this.queuedMessages -= 1;
      this.queuedBytes -= entry.bytes;
    }
    this.queue = this.queue.slice(index);
    return batch;
  }

  private async sendBatch(batch: readonly Entry[]): Promise<void> {
    const slot = this.idleProducer();
    slot.busy = true;
    let client: BatchSender | undefined;
    try {
      client = await this.connected(slot);
      const metadata = await client.sendBatch({
        topicMessages: groupByTopic(batch),
        acks: -1,
        timeout: this.settings.ackTimeoutMs,
      });
      this.acknowledge(batch, metadata);
    } catch (error) {
      if (client) this.discardProducer(slot);
      const failure = produceErrorFrom(error);
      for (const entry of batch) this.settle(entry, (e) => e.reject(failure));
    } finally {
      slot.busy = false;
    }
  }

  private acknowledge(batch: readonly Entry[], metadata: readonly RecordMetadata[]): void {
    const next = new Map<string, bigint>();
    for (const record of metadata) {
      next.set(`${record.topicName}\u0000${record.partition}`, BigInt(record.baseOffset ?? '-1'));
    }
    // kafkajs keeps each partition's messages in the order given; offsets count up from baseOffset.
    for (const entry of batch) {
      const partition = entry.message.partition;
      const slot = `${entry.topic}\u0000${partition}`;
      const offset = next.get(slot);
      if (offset === undefined) {
        const error = new ProduceError(
          'unknown_position',
          `Kafka acknowledged the batch but not partition ${partition} of ${entry.topic}`,
        );
        this.settle(entry, (e) => e.reject(error));
        continue;
      }
      next.set(slot, offset + 1n);
      this.settle(entry, (e) =>
        e.resolve({ topic: entry.topic, partition, offset: offset.toString() }),
      );
    }
  }

  private settle(entry: Entry, settle: (entry: Entry) => void): void {
    if (entry.state === 'settled') return;
    entry.state = 'settled';
    settle(entry);
  }

  /**
   * One timer for the whole queue, not one per message (a visible cost at thousands per second):
   * every message gets the same timeout, so the oldest still queued always expires first.
   */
  private armExpiry(at: number): void {
    this.expiryTimer = setTimeout(() => this.expireDue(), Math.max(0, at - Date.now()));
  }

  private expireDue(): void {
    this.expiryTimer = undefined;
    const now = Date.now();
    for (const entry of this.queue) {
      if (entry.state !== 'queued') continue;
      if (entry.expiresAt > now) {
        this.armExpiry(entry.expiresAt);
        return;
      }
      this.expire(entry);
    }
  }

  /**
   * A caller still queued when its delivery timeout passes is answered (retriable) and its message
   * never sent. One already sent waits for its batch: answering before Kafka decided would let a
   * retry publish the same event again while the first copy may still be written.
   */
  private expire(entry: Entry): void {
    this.queuedMessages -= 1;
    this.queuedBytes -= entry.bytes;
    this.settle(entry, (e) =>
      e.reject(
        new ProduceError(
          'delivery_timeout',
          `Kafka did not take the message within ${this.settings.deliveryTimeoutMs} ms; it was not sent`,
        ),
      ),
    );
  }

  /** A producer with no batch in flight; dispatch never starts more batches than there are. */
  private idleProducer(): ProducerSlot {
    const idle = this.producers.find((slot) => !slot.busy);
    if (idle) return idle;
    const slot: ProducerSlot = { client: undefined, connected: undefined, busy: false };
    this.producers.push(slot);
    return slot;
  }

  private async connected(slot: ProducerSlot): Promise<BatchSender> {
    if (!slot.client) {
      slot.client = this.options.createProducer();
      slot.connected = slot.client.connect();
    }
    const client = slot.client;
    try {
      await slot.connected;
    } catch (error) {
      this.discardProducer(slot);
      throw error;
    }
    return client;
  }

  /** Replaces the slot's producer: a fresh producer id never reuses a failed batch's sequence numbers. */
  private discardProducer(slot: ProducerSlot): void {
    const client = slot.client;
    slot.client = undefined;
    slot.connected = undefined;
    void client?.disconnect().catch(() => undefined);
  }
}

interface ProducerSlot {
  client: BatchSender | undefined;
  connected: Promise<void> | undefined;
  busy: boolean;
}

function groupByTopic(batch: readonly Entry[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const { topic, message } of batch) {
    const messages = byTopic.get(topic);
    if (messages) messages.push(message);
    else byTopic.set(topic, [message]);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
