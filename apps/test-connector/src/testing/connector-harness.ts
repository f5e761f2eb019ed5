import { randomUUID } from 'node:crypto';
import {
  asRuntimeConnector,
  ConnectorRuntime,
  type RuntimeStartOptions,
} from '@collect/connector-runtime';
import { runMigrations } from '@collect/database';
import {
  deadLetterTopic,
  eventHeaders,
  EventSerde,
  ensureTopics,
  type ResponseSubmitted,
} from '@collect/events';
import { connectorGroupId, integrationsMigrations } from '@collect/integrations';
import { createKafka, createSchemaRegistry } from '@collect/kafka';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { eventually } from '../../../../test/support/eventually';
import { uniqueName } from '../../../../test/support/names';
import { postgresConnection, stackEnv } from '../../../../test/support/stack-env';
import { testTargetConnector } from '../test-target-connector';
import type { TestForm } from './responses';
import { TestTarget } from './test-target';

export interface HarnessOptions {
  readonly partitions?: number;
  readonly brokers?: readonly string[];
  readonly runtime?: Partial<RuntimeStartOptions>;
}

export const testTargetMigrations = 'apps/test-connector/migrations';

/**
 * An isolated connector type for one test file: a random type name (so its own group, DLQ and
 * integrations), a responses topic of its own, the shared Postgres and registry, a producer of
 * ResponseSubmitted events, helpers to attach integrations as the API would, and the test target.
 */
export class ConnectorHarness {
  readonly type = uniqueName('tt');
  readonly kafka: Kafka;
  readonly pool: Pool;
  readonly serde: EventSerde;
  readonly target: TestTarget;
  readonly responsesTopic = `${this.type}.responses`;
  readonly integrationsTopic = `${this.type}.integrations`;
  readonly partitions: number;
  private producer: Producer | undefined;
  private readonly runtimes: ConnectorRuntime[] = [];

  constructor(private readonly harness: HarnessOptions = {}) {
    const env = stackEnv();
    this.kafka = createKafka({
      brokers: harness.brokers ?? env.kafkaBrokers,
      clientId: this.type,
      schemaRegistryUrl: env.schemaRegistryUrl,
      logLevel: 'error',
    });
    this.pool = new Pool({ ...postgresConnection(env), max: 6 });
    this.pool.on('error', () => undefined);
    this.serde = new EventSerde(createSchemaRegistry({ url: env.schemaRegistryUrl }));
    this.target = new TestTarget(this.pool);
    this.partitions = harness.partitions ?? 3;
  }

  get groupId(): string {
    return connectorGroupId(this.type);
  }

  get deadLetterTopic(): string {
    return deadLetterTopic(this.type);
  }

  async setUp(): Promise<void> {
    await runMigrations(this.pool, integrationsMigrations());
    await runMigrations(this.pool, {
      directory: testTargetMigrations,
      table: 'test_target_schema_migrations',
    });
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, {
        topics: [this.responsesTopic],
        partitions: this.partitions,
        replicationFactor: 1,
      });
    } finally {
      await admin.disconnect();
    }
    await this.serde.registerAll();
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
  }

  async tearDown(): Promise<void> {
    await this.stopRuntimes();
    await this.producer?.disconnect();
    await this.pool.end();
  }

  /** The runtime options a test runtime uses (short timings, this harness's names). */
  runtimeOptions(overrides: Partial<RuntimeStartOptions> = {}): RuntimeStartOptions {
    return {
      responsesTopic: this.responsesTopic,
      integrationsTopic: this.integrationsTopic,
      groupId: this.groupId,
      deadLetterTopic: this.deadLetterTopic,
      deadLetterReplicationFactor: 1,
      deadLetterPartitions: 1,
      backoff: { initialMs: 100, maxMs: 1_000 },
      partitionsConsumedConcurrently: this.partitions,
      targetConcurrency: 4,
      maxBatchBytes: 256 * 1024,
      maxWaitMs: 50,
      refreshMs: 500,
      migrations: integrationsMigrations(),
      ...this.harness.runtime,
      ...overrides,
    };
  }

  /** Starts a connector runtime in this process with the test target connector. */
  async startRuntime(overrides: Partial<RuntimeStartOptions> = {}): Promise<ConnectorRuntime> {
    const env = stackEnv();
    const targetPool = new Pool({ ...postgresConnection(env), max: 4 });
    targetPool.on('error', () => undefined);
    const runtimePool = new Pool({ ...postgresConnection(env), max: 12 });
    runtimePool.on('error', () => undefined);
    const connector = testTargetConnector({
      type: this.type,
      pool: targetPool,
      migrationsDir: testTargetMigrations,
    });
    const runtime = new ConnectorRuntime(
      {
        kafka: this.kafka,
        pool: runtimePool,
        serde: this.serde,
        connector: asRuntimeConnector(connector),
      },
      this.runtimeOptions(overrides),
    );
    const stop = runtime.stop.bind(runtime);
    runtime.stop = async () => {
      await stop();
      await runtimePool.end();
    };
    this.runtimes.push(runtime);
    await runtime.start();
    return runtime;
  }

  async stopRuntimes(): Promise<void> {
    await Promise.all(this.runtimes.splice(0).map((runtime) => runtime.stop()));
  }

  /** Produces responses in order (each form's on its partition, keyed by formId). */
  async produce(responses: readonly ResponseSubmitted[]): Promise<void> {
    for (let start = 0; start < responses.length; start += 1_000) {
      await this.producer!.send({
        topic: this.responsesTopic,
        acks: -1,
        messages: responses.slice(start, start + 1_000).map((event) => ({
          key: event.formId,
          value: this.serde.encode(event),
          headers: eventHeaders(event),
        })),
      });
    }
  }

  /** Raw messages (poison) keyed by a form. */
  async produceRaw(formId: string, values: readonly Buffer[]): Promise<void> {
    await this.producer!.send({
      topic: this.responsesTopic,
      acks: -1,
      messages: values.map((value) => ({ key: formId, value })),
    });
  }

  /**
   * Attaches an integration as the API does: the row and one cursor per partition, at 0 with
   * backfill, else at the topic's current end.
   */
  async attach(
    form: TestForm,
    options: { backfill?: boolean; config?: object } = {},
  ): Promise<string> {
    const integrationId = randomUUID();
    const ends = options.backfill ? undefined : await this.endOffsets();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO integrations (integration_id, org_id, form_id, type, name, config, state, version,
                                   backfill, attached_at, updated_at)
         VALUES ($1, $2, $3, $4, 'test', $5, 'active', 1, $6, now(), now())`,
        [
          integrationId,
          form.orgId,
          form.formId,
          this.type,
          JSON.stringify(options.config ?? {}),
          !!options.backfill,
        ],
      );
      const partitions = Array.from({ length: this.partitions }, (_, p) => p);
      await client.query(
        `INSERT INTO integration_cursors (integration_id, topic, partition, next_offset)
         SELECT $1, $2, p, o FROM unnest($3::int[], $4::bigint[]) AS t(p, o)`,
        [
          integrationId,
          this.responsesTopic,
          partitions,
          partitions.map((p) => String(ends?.get(p) ?? 0n)),
        ],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
    return integrationId;
  }

  async setIntegrationState(
    integrationId: string,
    state: 'active' | 'paused' | 'detached',
  ): Promise<void> {
    await this.pool.query(
      'UPDATE integrations SET state = $2, version = version + 1, updated_at = now() WHERE integration_id = $1',
      [integrationId, state],
    );
  }

  /** Every message of a topic from the beginning (a group of its own), once there are `count`. */
  async readAll(topic: string, count: number, timeoutMs = 30_000): Promise<KafkaMessage[]> {
    const consumer = this.kafka.consumer({ groupId: uniqueName(`${topic}.reader`) });
    const messages: KafkaMessage[] = [];
    await consumer.connect();
    // The topic may be created (by the runtime) a moment after the test asks for it.
    await eventually(
      () =>
        consumer.subscribe({ topic, fromBeginning: true }).then(
          () => true,
          (error: unknown) => {
            if ((error as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION') return false;
            throw error;
          },
        ),
      `${topic} to exist`,
      timeoutMs,
    );
    await consumer.run({
      eachMessage: ({ message }) => {
        messages.push(message);
        return Promise.resolve();
      },
    });
    try {
      await eventually(() => messages.length >= count, `${count} messages on ${topic}`, timeoutMs);
    } finally {
      await consumer.disconnect();
    }
    return messages;
  }

  /** The integration's row in integration_status (undefined before the runtime wrote one). */
  async status(integrationId: string): Promise<Record<string, unknown> | undefined> {
    const { rows } = await this.pool.query<Record<string, unknown>>(
      'SELECT * FROM integration_status WHERE integration_id = $1',
      [integrationId],
    );
    return rows[0];
  }

  async endOffsets(): Promise<Map<number, bigint>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(this.responsesTopic);
      return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
    } finally {
      await admin.disconnect();
    }
  }
}
