import { ensureTopics, TopicConfigurationError } from '@collect/events';
import type { Kafka, Producer } from 'kafkajs';

export interface DeadLetterTopicOptions {
  readonly topic: string;
  readonly replicationFactor: number;
  readonly partitions: number;
}

export interface DeadLetterProducer {
  /** Idempotent, connected; send with `acks: -1`. */
  readonly producer: Producer;
  /** The topic's actual partition count (it may have been created elsewhere with another). */
  readonly partitions: number;
}

/**
 * Creates the dead-letter topic when missing (an existing one with another partition count is
 * accepted: dead letters need no particular count) and connects an idempotent producer for it.
 */
export async function connectDeadLetterProducer(
  kafka: Kafka,
  options: DeadLetterTopicOptions,
  warn: (message: { msg: string; err: string }) => void,
): Promise<DeadLetterProducer> {
  const admin = kafka.admin();
  let partitions = options.partitions;
  try {
    await admin.connect();
    try {
      await ensureTopics(admin, {
        topics: [options.topic],
        partitions: options.partitions,
        replicationFactor: options.replicationFactor,
      });
    } catch (error) {
      if (!(
        error instanceof TopicConfigurationError && error.code === 'partition_count_mismatch'
      )) {
        throw error;
      }
      warn({ msg: 'the dead-letter topic has another partition count', err: error.message });
    }
    const { topics } = await admin.fetchTopicMetadata({ topics: [options.topic] });
    partitions = topics[0]?.partitions.length || partitions;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  return { producer, partitions };
}
