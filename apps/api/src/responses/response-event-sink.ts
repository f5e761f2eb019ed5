import { EventSerde, eventMessage, type ResponseSubmitted } from '@collect/events';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { KafkaClients, type ProducerThread } from '@collect/kafka';
import { EVENTS_OPTIONS, EventsUnavailableError, routeTopic } from '../events';
import type { ResolvedEventsOptions } from '../events';
import { partitionForKey } from '../events/key-partition';
import type { BatchingProducer, RecordPosition } from './batching-producer';
import { createKafkaBatchingProducer } from './kafka-batching-producer';
import { produceErrorFrom } from './produce-error';
import type { ResponseEvents } from './response-submitter';
import { RESPONSES_OPTIONS, type ResponsesModuleOptions } from './responses-options';

/**
 * Appends ResponseSubmitted events through a BatchingProducer of its own, so concurrent
 * submissions share sendBatch calls (and never queue behind form commands), on a producer thread
 * of its own, so kafkajs' per-record encoding does not take the request thread's CPU. Same topics,
 * partitioning (murmur2 of formId over the configured count) and serde as EventPublisher.
 * Kafka unreachable or too slow → EventsUnavailableError (503, Retry-After).
 */
@Injectable()
export class ResponseEventSink implements ResponseEvents, OnApplicationShutdown {
  private readonly thread: ProducerThread;
  private readonly producer: BatchingProducer;

  constructor(
    kafkaClients: KafkaClients,
    private readonly serde: EventSerde,
    @Inject(EVENTS_OPTIONS) private readonly events: ResolvedEventsOptions,
    @Inject(RESPONSES_OPTIONS) options: ResponsesModuleOptions,
  ) {
    this.thread = kafkaClients.producerThread();
    this.producer = createKafkaBatchingProducer(this.thread, {
      lingerMs: options.lingerMs,
      maxBatchMessages: options.maxBatchMessages,
      maxBatchBytes: options.maxBatchBytes,
      deliveryTimeoutMs: events.publishTimeoutMs,
      ackTimeoutMs: events.publishTimeoutMs,
    });
  }

  async publish(event: ResponseSubmitted): Promise<RecordPosition> {
    const { topic: contractTopic, message } = eventMessage(this.serde, event);
    const topic = routeTopic(contractTopic, this.events.topics);
    const partition = partitionForKey(topic, String(message.key), this.events.partitions);
    try {
      return await this.producer.send(topic, { ...message, partition });
    } catch (error) {
      const failure = produceErrorFrom(error);
      if (!failure.retriable) throw failure;
      throw new EventsUnavailableError(failure.message, this.events.retryAfterSeconds, {
        cause: failure,
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.close();
    await this.thread.close();
  }
}
