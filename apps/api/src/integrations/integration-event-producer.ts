import { ensureTopics, traceHeaders } from '@collect/events';
import type { IntegrationEvent } from '@collect/integrations';
import { KafkaClients } from '@collect/kafka';
import { integrationEventMessage } from '@collect/integrations';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { EventPosition } from '../events';
import { EventsUnavailableError } from '../events';
import { KafkaEventProducer } from '../events/kafka-event-producer';
import { partitionForKey } from '../events/key-partition';
import { INTEGRATIONS_OPTIONS, type ResolvedIntegrationsOptions } from './integrations-options';

/**
 * Appends integration events to `collect.integrations.v1` (key = formId, JSON; see
 * @collect/integrations) through the API's idempotent acks=all producer. The topic is created on
 * first use (and again after a failed attempt), so the API starts without it. Resolves once Kafka
 * acknowledged; rejects with EventsUnavailableError (503) otherwise, and the caller rolls back.
 */
@Injectable()
export class IntegrationEventProducer implements OnApplicationShutdown {
  private readonly producer: KafkaEventProducer;
  private topicReady: Promise<void> | undefined;

  constructor(
    private readonly kafka: Kafka,
    kafkaClients: KafkaClients,
    @Inject(INTEGRATIONS_OPTIONS) private readonly options: ResolvedIntegrationsOptions,
  ) {
    this.producer = new KafkaEventProducer(kafkaClients, {
      timeoutMs: options.kafkaTimeoutMs,
      retryAfterSeconds: options.retryAfterSeconds,
    });
  }

  get topic(): string {
    return this.options.topic;
  }

  async publish(event: IntegrationEvent): Promise<EventPosition> {
    await this.ensureTopic();
    const message = integrationEventMessage(event, traceHeaders());
    const partition = partitionForKey(this.topic, message.key, this.options.partitions);
    const [position] = await this.producer.send([
      { topic: this.topic, message: { ...message, partition } },
    ]);
    return position!;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.close();
  }

  private ensureTopic(): Promise<void> {
    this.topicReady ??= this.createTopic().catch((error: unknown) => {
      this.topicReady = undefined;
      throw new EventsUnavailableError(
        `the topic ${this.topic} could not be made ready`,
        this.options.retryAfterSeconds,
        { cause: error },
      );
    });
    return this.topicReady;
  }

  private async createTopic(): Promise<void> {
    const admin = this.kafka.admin({ retry: { retries: 1 } });
    try {
      await admin.connect();
      await ensureTopics(admin, {
        topics: [this.topic],
        partitions: this.options.partitions,
        replicationFactor: this.options.replicationFactor,
      });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
