import { type CollectEvent, EventSerde, eventMessage } from '@collect/events';
import { KafkaClients } from '@collect/kafka';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Context } from '@opentelemetry/api';
import type { EventPosition } from './event-position';
import { EVENTS_OPTIONS, routeTopic, type ResolvedEventsOptions } from './events-options';
import { KafkaEventProducer, type PartitionedMessage } from './kafka-event-producer';
import { partitionForKey } from './key-partition';

/**
 * Appends events to their topics. `publish` resolves only after Kafka acknowledged every event
 * (acks=all, idempotent producer), with each event's position in input order; when Kafka does
 * not answer within the publish timeout it rejects with EventsUnavailableError (retriable, 503).
 * Events of one call keep their order per key (formId).
 */
@Injectable()
export class EventPublisher implements OnApplicationShutdown {
  private readonly producer: KafkaEventProducer;

  constructor(
    kafkaClients: KafkaClients,
    private readonly serde: EventSerde,
    @Inject(EVENTS_OPTIONS) private readonly options: ResolvedEventsOptions,
  ) {
    this.producer = new KafkaEventProducer(kafkaClients, {
      timeoutMs: options.publishTimeoutMs,
      retryAfterSeconds: options.retryAfterSeconds,
    });
  }

  async publish(
    events: readonly CollectEvent[],
    context?: Context,
  ): Promise<readonly EventPosition[]> {
    return this.producer.send(events.map((event) => this.messageOf(event, context)));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.close();
  }

  private messageOf(event: CollectEvent, context: Context | undefined): PartitionedMessage {
    const { topic: contractTopic, message } = eventMessage(this.serde, event, context);
    const topic = routeTopic(contractTopic, this.options.topics);
    const key = String(message.key);
    return {
      topic,
      message: { ...message, partition: partitionForKey(topic, key, this.options.partitions) },
    };
  }
}
