import { randomUUID } from 'node:crypto';
import { ensureTopics } from '@collect/events';
import { parseIntegrationEvent } from '@collect/integrations';
import { Logger } from '@nestjs/common';
import { restartUntilStopped } from '@collect/kafka';
import type { Consumer, Kafka } from 'kafkajs';
import { describeError } from '../errors/connector-runtime-error';

export interface IntegrationEventsWatcherOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly type: string;
  readonly groupId: string;
  readonly replicationFactor: number;
  /** Called for every event about an integration of this connector type. */
  readonly onEvent: () => void;
}

/**
 * The wake-up signal: reads new integration events (a throwaway group, from the end) and tells
 * the runtime to reload at once instead of at the next refresh. Best effort: when the topic is
 * unreachable the periodic refresh still picks every change up.
 */
export class IntegrationEventsWatcher {
  private readonly logger = new Logger('IntegrationEvents');
  private consumer: Consumer | undefined;
  private stopped = false;

  constructor(private readonly options: IntegrationEventsWatcherOptions) {}

  async start(): Promise<void> {
    const { kafka, topic } = this.options;
    try {
      const admin = kafka.admin();
      await admin.connect();
      try {
        await ensureTopics(admin, {
          topics: [topic],
          replicationFactor: this.options.replicationFactor,
        });
      } finally {
        await admin.disconnect();
      }
      const consumer = kafka.consumer({
        groupId: `${this.options.groupId}.events.${randomUUID()}`,
        allowAutoTopicCreation: false,
        maxWaitTimeInMs: 500,
        retry: { restartOnFailure: restartUntilStopped(() => this.stopped) },
      });
      this.consumer = consumer;
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: false });
      await consumer.run({
        autoCommit: false,
        eachMessage: ({ message }) => {
          try {
            if (parseIntegrationEvent(message.value).connectorType === this.options.type) {
              this.options.onEvent();
            }
          } catch {
            // Not an integration event: the table stays the source of truth.
          }
          return Promise.resolve();
        },
      });
    } catch (error) {
      this.logger.warn({
        msg: 'not watching integration events; integrations are reloaded periodically',
        topic,
        err: describeError(error),
      });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect().catch(() => undefined);
    this.consumer = undefined;
  }
}
