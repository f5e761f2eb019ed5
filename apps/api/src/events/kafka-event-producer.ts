import { type KafkaClients, RevocableSockets } from '@collect/kafka';
import { Logger } from '@nestjs/common';
import { Partitioners, type Message, type Producer, type RecordMetadata } from 'kafkajs';
import type { EventPosition } from './event-position';
import { EventsUnavailableError } from './events-unavailable.error';

/** A message with its partition chosen by the caller, so its offset can be told from the ack. */
export interface PartitionedMessage {
  readonly topic: string;
  readonly message: Message & { readonly partition: number };
}

export interface KafkaEventProducerOptions {
  /** A send not acknowledged within this rejects with EventsUnavailableError. */
  readonly timeoutMs: number;
  readonly retryAfterSeconds: number;
}

/**
 * The one idempotent kafkajs producer of the process (acks=all, one request in flight). It
 * connects on first use; after a failure or timeout it is thrown away and the next send starts a
 * fresh one (new producer id), so it recovers by itself when Kafka returns and a send never
 * waits longer than `timeoutMs`.
 *
 * Each producer has a client and connections of its own, and throwing one away revokes them:
 * kafkajs keeps retrying a timed-out send in the background (reconnecting even after
 * `disconnect()`), and without that the event could still be written after the caller was told
 * 503 and rolled back. What stays in doubt is only a request a broker already received, as with
 * any timeout.
 */
export class KafkaEventProducer {
  private readonly logger = new Logger('EventProducer');
  private current: CurrentProducer | undefined;
  private closed = false;

  constructor(
    private readonly clients: KafkaClients,
    private readonly options: KafkaEventProducerOptions,
  ) {}

  /** Resolves with each message's position, in input order, once Kafka acknowledged all of them. */
  async send(messages: readonly PartitionedMessage[]): Promise<EventPosition[]> {
    if (messages.length === 0) return [];
    if (this.closed) throw this.unavailable('the event producer is shut down');
    const current = this.producer();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(this.unavailable(`Kafka did not acknowledge within ${this.options.timeoutMs} ms`)),
        this.options.timeoutMs,
      );
    });
    try {
      const acks = await Promise.race([this.sendWith(current, messages), timedOut]);
      return positionsOf(messages, acks);
    } catch (error) {
      if (isPermanentKafkaError(error)) throw error;
      this.discard(current, error);
      if (error instanceof EventsUnavailableError) throw error;
      throw this.unavailable('Kafka is unavailable', error);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const current = this.current;
    this.current = undefined;
    await current?.producer.disconnect().catch(() => undefined);
    current?.sockets.revoke();
  }

  private async sendWith(
    current: CurrentProducer,
    messages: readonly PartitionedMessage[],
  ): Promise<RecordMetadata[]> {
    await current.connected;
    const byTopic = new Map<string, Message[]>();
    for (const { topic, message } of messages) {
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), message]);
    }
    return current.producer.sendBatch({
      acks: -1,
      timeout: this.options.timeoutMs,
      topicMessages: [...byTopic].map(([topic, topicMessages]) => ({
        topic,
        messages: topicMessages,
      })),
    });
  }

  private producer(): CurrentProducer {
    if (!this.current) {
      const sockets = new RevocableSockets();
      const producer = this.clients
        .create({
          socketFactory: sockets.factory,
          // Its background retries fail by design once it is given up on: not worth an ERROR each.
          silenced: () => sockets.isRevoked,
        })
        .producer({
          idempotent: true,
          maxInFlightRequests: 1,
          allowAutoTopicCreation: false,
          // Bounded: the caller's deadline (timeoutMs) is what really limits a send.
          retry: { retries: 5, initialRetryTime: 100, maxRetryTime: this.options.timeoutMs },
          // Unused (every message names its partition); set so kafkajs does not warn about its default.
          createPartitioner: Partitioners.DefaultPartitioner,
        });
      const connected = producer.connect();
      connected.catch(() => undefined); // observed by sendWith; never unhandled
      this.current = { producer, connected, sockets };
    }
    return this.current;
  }

  private discard(current: CurrentProducer, error: unknown): void {
    if (this.current !== current) return;
    this.current = undefined;
    current.sockets.revoke();
    this.logger.warn({
      msg: 'publishing to Kafka failed; the next publish reconnects',
      err: error instanceof Error ? error.message : String(error),
    });
    void current.producer.disconnect().catch(() => undefined);
  }

  private unavailable(message: string, cause?: unknown): EventsUnavailableError {
    return new EventsUnavailableError(message, this.options.retryAfterSeconds, { cause });
  }
}

interface CurrentProducer {
  readonly producer: Producer;
  readonly connected: Promise<void>;
  readonly sockets: RevocableSockets;
}

function positionsOf(
  messages: readonly PartitionedMessage[],
  acks: readonly RecordMetadata[],
): EventPosition[] {
  const seen = new Map<string, bigint>();
  return messages.map(({ topic, message }) => {
    const ack = acks.find((a) => a.topicName === topic && a.partition === message.partition);
    if (!ack?.baseOffset) {
      throw new Error(`Kafka acknowledged no offset for ${topic}/${message.partition}`);
    }
    const slot = `${topic}/${message.partition}`;
    const index = seen.get(slot) ?? 0n;
    seen.set(slot, index + 1n);
    return {
      topic,
      partition: message.partition,
      offset: (BigInt(ack.baseOffset) + index).toString(),
    };
  });
}

/** A refusal that retrying cannot fix (a message too large, an unknown topic…): a bug, not an outage. */
function isPermanentKafkaError(error: unknown): boolean {
  const permanent = new Set([
    'MESSAGE_TOO_LARGE',
    'INVALID_RECORD',
    'CORRUPT_MESSAGE',
    'RECORD_LIST_TOO_LARGE',
    'INVALID_TOPIC_EXCEPTION',
    'TOPIC_AUTHORIZATION_FAILED',
  ]);
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    const { type, cause: next } = cause as { type?: unknown; cause?: unknown };
    if (typeof type === 'string' && permanent.has(type)) return true;
    cause = next;
  }
  return false;
}
