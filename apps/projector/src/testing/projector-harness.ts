import { eventHeaders, EventSerde, ensureTopics, type CollectEvent } from '@collect/events';
import { createKafka, createSchemaRegistry } from '@collect/kafka';
import type { Kafka, Message, Producer } from 'kafkajs';
import { Pool, type PoolConfig } from 'pg';
import { uniqueName } from '../../../../test/support/names';
import { postgresConnection, stackEnv } from '../../../../test/support/stack-env';
import { migrateProjection, projectionMigrationDirs } from '../generations/projection-migrations';
import { Projector, type ProjectorOptions } from '../projector';

export interface HarnessOptions {
  /** Postgres to project into; defaults to the shared stack's. */
  readonly postgres?: PoolConfig;
  readonly partitions?: number;
  readonly projector?: Partial<ProjectorOptions>;
}

/**
 * An isolated projector for an integration test: topics and consumer group of its own (random
 * names), the shared Kafka and registry, the given Postgres (migrated), a producer for events
 * (encoded with EventSerde, keyed by formId) and raw values, and helpers to read the result.
 */
export class ProjectorHarness {
  readonly kafka: Kafka;
  readonly pool: Pool;
  readonly serde: EventSerde;
  readonly options: ProjectorOptions;
  private producer: Producer | undefined;
  private readonly projectors: Projector[] = [];

  constructor(private readonly harness: HarnessOptions = {}) {
    const env = stackEnv();
    const prefix = uniqueName('projector');
    this.kafka = createKafka({
      brokers: env.kafkaBrokers,
      clientId: prefix,
      schemaRegistryUrl: env.schemaRegistryUrl,
      logLevel: 'error',
    });
    this.pool = new Pool({ ...(harness.postgres ?? postgresConnection(env)), max: 10 });
    this.pool.on('error', () => undefined);
    this.serde = new EventSerde(createSchemaRegistry({ url: env.schemaRegistryUrl }));
    this.options = {
      groupId: `${prefix}.group`,
      topics: { forms: `${prefix}.forms`, responses: `${prefix}.responses` },
      deadLetterTopic: `${prefix}.dlq`,
      replicationFactor: 1,
      partitions: harness.partitions ?? 3,
      backoff: { initialMs: 100, maxMs: 1_000 },
      maxWaitTimeInMs: 50,
      partitionsConsumedConcurrently: 3,
      ...harness.projector,
    };
  }

  async setUp(): Promise<void> {
    await migrateProjection(this.pool, projectionMigrationDirs('apps/projector/migrations'));
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, {
        topics: [this.options.topics.forms, this.options.topics.responses],
        partitions: this.options.partitions,
        replicationFactor: 1,
      });
    } finally {
      await admin.disconnect();
    }
    await this.serde.registerAll();
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
  }

  /** Starts one more projector instance (same group) and returns it. */
  startProjector(overrides: Partial<ProjectorOptions> = {}): Projector {
    const projector = new Projector(
      { kafka: this.kafka, pool: this.pool, serde: this.serde },
      { ...this.options, ...overrides },
    );
    projector.start();
    this.projectors.push(projector);
    return projector;
  }

  async stopProjectors(): Promise<void> {
    await Promise.all(this.projectors.splice(0).map((projector) => projector.stop()));
  }

  async tearDown(): Promise<void> {
    await this.stopProjectors();
    await this.producer?.disconnect();
    await this.pool.end();
  }

  /** Produces events in order, each to its topic (by type), keyed by formId. */
  async produce(events: readonly CollectEvent[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const event of events) {
      const topic = this.topicFor(event);
      const message = {
        key: event.formId,
        value: this.serde.encode(event),
        headers: eventHeaders(event),
      };
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), message]);
    }
    for (const [topic, messages] of byTopic) {
      for (let start = 0; start < messages.length; start += 2_000) {
        await this.producer!.send({
          topic,
          acks: -1,
          messages: messages.slice(start, start + 2_000),
        });
      }
    }
  }

  /** Produces raw messages (poison) to a topic. */
  async produceRaw(topic: string, messages: Message[]): Promise<void> {
    await this.producer!.send({ topic, acks: -1, messages });
  }

  topicFor(event: CollectEvent): string {
    return event.type === 'ResponseSubmitted'
      ? this.options.topics.responses
      : this.options.topics.forms;
  }

  /** Sum over the live generation's checkpoints of this harness's topics. */
  async checkpointTotal(topic: string): Promise<bigint> {
    const { rows } = await this.pool.query<{ total: string | null }>(
      'SELECT sum(next_offset)::text AS total FROM read_model.offsets WHERE topic = $1',
      [topic],
    );
    return BigInt(rows[0]?.total ?? '0');
  }

  /** Kafka's end offsets of a topic, summed over partitions. */
  async endOffsetTotal(topic: string): Promise<bigint> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.reduce((sum, { high }) => sum + BigInt(high), 0n);
    } finally {
      await admin.disconnect();
    }
  }

  /** True once the projector has applied everything the topics hold now. */
  async caughtUp(): Promise<boolean> {
    for (const topic of [this.options.topics.forms, this.options.topics.responses]) {
      if ((await this.checkpointTotal(topic)) < (await this.endOffsetTotal(topic))) return false;
    }
    return true;
  }
}
