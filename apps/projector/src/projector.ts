import type { EventSerde } from '@collect/events';
import { PartitionBatchConsumer, type BackoffPolicy, type ConsumerHealth } from '@collect/kafka';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { BatchProjector, type ProjectedTopics } from './batches/batch-projector';
import { OffsetsCheckpointStore } from './checkpoints/offsets-store';
import { DeadLetterPublisher } from './dead-letters/dead-letter-publisher';
import { liveTarget, type ProjectionTarget } from './generations/projection-target';

export interface ProjectorDependencies {
  readonly kafka: Kafka;
  readonly pool: Pool;
  readonly serde: EventSerde;
}

export interface ProjectorOptions {
  readonly groupId: string;
  readonly topics: ProjectedTopics;
  readonly deadLetterTopic: string;
  /** Of the dead-letter topic, when the projector creates it. */
  readonly replicationFactor: number;
  readonly partitions: number;
  readonly backoff: BackoffPolicy;
  /** Which generation to write; the live one unless a rebuild says otherwise. */
  readonly target?: ProjectionTarget;
  readonly maxBytesPerPartition?: number;
  readonly maxBytesPerFetch?: number;
  readonly maxWaitTimeInMs?: number;
  readonly partitionsConsumedConcurrently?: number;
  /** How long the group waits for a member that stopped heartbeating (kafkajs default 30 s). */
  readonly sessionTimeoutMs?: number;
}

/**
 * The projector, without Nest: a consumer group member on the forms and responses topics whose
 * batches become read-model rows in Postgres, exactly once (see BatchProjector). Tests and the
 * rebuild command start it in-process with their own topics, group and target.
 */
export class Projector {
  private readonly consumer: PartitionBatchConsumer;
  private readonly deadLetters: DeadLetterPublisher;

  constructor(dependencies: ProjectorDependencies, options: ProjectorOptions) {
    const target = options.target ?? liveTarget;
    this.deadLetters = new DeadLetterPublisher(dependencies.kafka, {
      topic: options.deadLetterTopic,
      consumer: options.groupId,
      replicationFactor: options.replicationFactor,
      partitions: options.partitions,
    });
    const projector = new BatchProjector(
      dependencies.pool,
      dependencies.serde,
      this.deadLetters,
      target,
      options.topics,
    );
    this.consumer = new PartitionBatchConsumer({
      kafka: dependencies.kafka,
      groupId: options.groupId,
      topics: [options.topics.forms, options.topics.responses],
      checkpoints: new OffsetsCheckpointStore(dependencies.pool, target),
      handle: projector.handle,
      backoff: options.backoff,
      maxBytesPerPartition: options.maxBytesPerPartition,
      maxBytesPerFetch: options.maxBytesPerFetch,
      maxWaitTimeInMs: options.maxWaitTimeInMs,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently,
      sessionTimeoutMs: options.sessionTimeoutMs,
      heartbeatIntervalMs: options.sessionTimeoutMs
        ? Math.min(3_000, Math.floor(options.sessionTimeoutMs / 3))
        : undefined,
    });
  }

  get health(): ConsumerHealth {
    return this.consumer.health;
  }

  start(): void {
    this.consumer.start();
  }

  async stop(): Promise<void> {
    await this.consumer.stop();
    await this.deadLetters.close();
  }
}
