import { eventHeaders, type CollectEvent, type EventSerde } from '@collect/events';
import type { Kafka, Message, Producer } from 'kafkajs';

export interface LoadTopics {
  readonly forms: string;
  readonly responses: string;
}

export interface LoadProducerOptions {
  readonly topics: LoadTopics;
  /** Idempotent producers sending in parallel; each form always goes through the same one. */
  readonly producers?: number;
  /** Messages per send. */
  readonly batchSize?: number;
}

/**
 * Produces load events straight to Kafka (no HTTP), encoded with EventSerde and keyed by formId
 * like the API's: each form's events go through one idempotent producer (acks from all in-sync
 * replicas), so they land in order on their partition. `send` resolves once Kafka has acked
 * every event it was given: those are the accepted ones.
 */
export class LoadProducer {
  private readonly producers: Producer[];
  private readonly batchSize: number;
  private connected = false;

  constructor(
    kafka: Kafka,
    private readonly serde: EventSerde,
    private readonly options: LoadProducerOptions,
  ) {
    this.producers = Array.from({ length: options.producers ?? 2 }, () =>
      kafka.producer({ idempotent: true, maxInFlightRequests: 1 }),
    );
    this.batchSize = options.batchSize ?? 2_000;
  }

  async connect(): Promise<void> {
    await this.serde.registerAll();
    await Promise.all(this.producers.map((producer) => producer.connect()));
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    await Promise.all(this.producers.map((producer) => producer.disconnect()));
    this.connected = false;
  }

  /** Sends `events` (any iterable, consumed lazily) and resolves with how many Kafka acked. */
  async send(events: Iterable<CollectEvent>): Promise<number> {
    if (!this.connected) throw new Error('LoadProducer: connect() first');
    const lanes = this.producers.map(() => [] as Array<{ topic: string; message: Message }>);
    let acked = 0;
    const flush = async (): Promise<void> => {
      await Promise.all(
        lanes.map(async (lane, index) => {
          if (lane.length === 0) return;
          const batch = lane.splice(0);
          await this.producers[index]!.sendBatch({
            acks: -1,
            topicMessages: byTopic(batch),
          });
          acked += batch.length;
        }),
      );
    };
    let buffered = 0;
    for (const event of events) {
      lanes[laneOf(event.formId, lanes.length)]!.push({
        topic:
          event.type === 'ResponseSubmitted'
            ? this.options.topics.responses
            : this.options.topics.forms,
        message: {
          key: event.formId,
          value: this.serde.encode(event),
          headers: eventHeaders(event),
        },
      });
      if (++buffered >= this.batchSize * lanes.length) {
        await flush();
        buffered = 0;
      }
    }
    await flush();
    return acked;
  }
}

function byTopic(batch: ReadonlyArray<{ topic: string; message: Message }>) {
  const topics = new Map<string, Message[]>();
  for (const { topic, message } of batch) {
    const messages = topics.get(topic);
    if (messages) messages.push(message);
    else topics.set(topic, [message]);
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
}

function laneOf(formId: string, lanes: number): number {
  let hash = 0;
  for (let i = 0; i < formId.length; i++) hash = (hash * 31 + formId.charCodeAt(i)) | 0;
  return Math.abs(hash) % lanes;
}
