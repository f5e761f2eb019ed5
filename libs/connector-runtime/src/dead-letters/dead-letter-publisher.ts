import { connectDeadLetterProducer, type DeadLetterProducer } from '@collect/kafka';
import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { ConnectorRuntimeError, describeError } from '../errors/connector-runtime-error';
import { deadLetterRecord, type DeadLetter } from './dead-letter-record';

export interface DeadLetterPublisherOptions {
  readonly topic: string;
  /** Named in the `dlq-consumer` header: the consumer group. */
  readonly consumer: string;
  readonly replicationFactor: number;
  readonly partitions: number;
}

/**
 * Writes a round's dead letters to `collect.dlq.<type>` and resolves with their offsets once
 * Kafka has them (acks from all in-sync replicas), so the round commits after, never before.
 * Each goes to the partition of its source partition (modulo): its offset is then known.
 */
export class DeadLetterPublisher {
  private readonly logger = new Logger('DeadLetters');
  private connected: Promise<DeadLetterProducer> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: DeadLetterPublisherOptions,
  ) {}

  async publish(letters: readonly DeadLetter[]): Promise<bigint[]> {
    if (letters.length === 0) return [];
    try {
      const { producer, partitions } = await (this.connected ??= connectDeadLetterProducer(
        this.kafka,
        this.options,
        (message) => this.logger.warn(message),
      ));
      const now = new Date();
      const partitionOf = (letter: DeadLetter) => letter.position.partition % partitions;
      const sent = await producer.send({
        topic: this.options.topic,
        acks: -1,
        messages: letters.map((letter) => ({
          ...deadLetterRecord(letter, this.options.consumer, now),
          partition: partitionOf(letter),
        })),
      });
      return offsetsOf(letters.map(partitionOf), sent);
    } catch (error) {
      await this.close();
      throw new ConnectorRuntimeError(
        'dead_letter_unavailable',
        true,
        `writing ${letters.length} dead letter(s) to ${this.options.topic} failed: ${describeError(error)}`,
        { cause: error },
      );
    }
  }

  async close(): Promise<void> {
    const connected = this.connected;
    this.connected = undefined;
    await connected?.then(({ producer }) => producer.disconnect()).catch(() => undefined);
  }
}

/** One send writes one batch per partition: the n-th message to a partition has base + n. */
function offsetsOf(
  partitions: readonly number[],
  sent: ReadonlyArray<{ partition: number; baseOffset?: string }>,
): bigint[] {
  const base = new Map(sent.map((m) => [m.partition, BigInt(m.baseOffset ?? '0')]));
  const next = new Map<number, bigint>();
  return partitions.map((partition) => {
    const index = next.get(partition) ?? 0n;
    next.set(partition, index + 1n);
    return (base.get(partition) ?? 0n) + index;
  });
}
