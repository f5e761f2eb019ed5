import { connectDeadLetterProducer } from '@collect/kafka';
import { Logger } from '@nestjs/common';
import { metrics } from '@opentelemetry/api';
import type { Kafka, Producer } from 'kafkajs';
import { ProjectorError } from '../errors/projector-error';
import { deadLetterRecord, type DeadLetter } from './dead-letter';

export interface DeadLetterPublisherOptions {
  readonly topic: string;
  /** Named in the `dlq-consumer` header, e.g. the consumer group. */
  readonly consumer: string;
  readonly replicationFactor: number;
  readonly partitions: number;
}

/**
 * Writes poison events to the dead-letter topic (acks from all in-sync replicas, idempotent), and
 * resolves only once Kafka has them: the batch's checkpoint commits after, never before.
 */
export class DeadLetterPublisher {
  private readonly logger = new Logger('DeadLetters');
  private readonly counter = metrics
    .getMeter('collect-projector')
    .createCounter('collect.projector.dead_lettered', {
      description: 'events the projector sent to its dead-letter topic, by reason',
    });
  private producer: Producer | undefined;
  private ready: Promise<void> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: DeadLetterPublisherOptions,
  ) {}

  async publish(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    try {
      await (this.ready ??= this.connect());
      const now = new Date();
      await this.producer!.send({
        topic: this.options.topic,
        acks: -1,
        messages: letters.map((letter) => deadLetterRecord(letter, this.options.consumer, now)),
      });
    } catch (error) {
      this.ready = undefined;
      await this.producer?.disconnect().catch(() => undefined);
      this.producer = undefined;
      throw new ProjectorError(
        'dead_letter_unavailable',
        true,
        `writing ${letters.length} event(s) to ${this.options.topic} failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
    for (const letter of letters) {
      this.counter.add(1, { reason: letter.reason, topic: letter.topic });
      this.logger.warn({
        msg: 'dead-lettered an event',
        reason: letter.reason,
        detail: letter.detail,
        topic: letter.topic,
        partition: letter.partition,
        offset: letter.message.offset,
        deadLetterTopic: this.options.topic,
      });
    }
  }

  async close(): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
    this.producer = undefined;
    this.ready = undefined;
  }

  private async connect(): Promise<void> {
    const { producer } = await connectDeadLetterProducer(this.kafka, this.options, (warning) =>
      this.logger.warn(warning),
    );
    this.producer = producer;
  }
}
