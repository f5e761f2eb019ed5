import {
  EventSerde,
  eventMessage,
  type ResponseSubmitted,
  type TraceHeaders,
} from '@collect/events';
import { EventsUnavailableError } from '../events/events-unavailable.error';
import { routeTopic, type EventTopicNames } from '../events/events-options';
import { partitionForKey } from '../events/key-partition';
import type { BatchingProducer, RecordPosition } from './batching-producer';
import { produceErrorFrom } from './produce-error';
import type { ResponseEvents } from './submission-pipeline';

export interface KafkaResponseEventsSettings {
  readonly topics: EventTopicNames;
  readonly partitions: number;
  readonly retryAfterSeconds: number;
}

/**
 * Appends ResponseSubmitted events through a BatchingProducer of its own, so concurrent
 * submissions share sendBatch calls (and never queue behind form commands). Same topics,
 * partitioning (murmur2 of formId over the configured count) and serde as EventPublisher.
 * Kafka unreachable or too slow → EventsUnavailableError (503, Retry-After).
 */
export class KafkaResponseEvents implements ResponseEvents {
  constructor(
    private readonly serde: EventSerde,
    private readonly producer: BatchingProducer,
    private readonly settings: KafkaResponseEventsSettings,
  ) {}

  async publish(event: ResponseSubmitted, trace: TraceHeaders): Promise<RecordPosition> {
    const { topic: contractTopic, message } = eventMessage(this.serde, event, trace);
    const topic = routeTopic(contractTopic, this.settings.topics);
    const partition = partitionForKey(topic, String(message.key), this.settings.partitions);
    try {
      return await this.producer.send(topic, { ...message, partition });
    } catch (error) {
      const failure = produceErrorFrom(error);
      if (!failure.retriable) throw failure;
      throw new EventsUnavailableError(failure.message, this.settings.retryAfterSeconds, {
        cause: failure,
      });
    }
  }

  close(): Promise<void> {
    return this.producer.close();
  }
}
