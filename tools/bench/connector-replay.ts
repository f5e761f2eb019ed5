// Connector runtime benchmark (not a test): how fast a newly deployed no-op connector replays
// EVENTS ResponseSubmitted events (default 1,000,000) from the earliest offset, and the runtime's
// overhead per delivered response (a replay in which DELIVER_FORMS of FORMS forms have an
// integration, against one in which none has).
// Run: npx tsx tools/bench/connector-replay.ts   (after ./dev up; EVENTS, FORMS, DELIVER_FORMS,
// PARTITION_CONCURRENCY tune it). The events go to a topic of their own, produced once and reused.
import { randomUUID } from 'node:crypto';
import { asRuntimeConnector, ConnectorRuntime, type Connector } from '@collect/connector-runtime';
import { runMigrations } from '@collect/database';
import { deadLetterTopic, ensureTopics, EventSerde, type ResponseSubmitted } from '@collect/events';
import { connectorGroupId, integrationsMigrations } from '@collect/integrations';
import { createKafka, createSchemaRegistry } from '@collect/kafka';
import type { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { LocalStack } from '../stack/src/stack';

const events = Number(process.env.EVENTS ?? 1_000_000);
const formCount = Number(process.env.FORMS ?? 1_000);
const deliverForms = Number(process.env.DELIVER_FORMS ?? 100);
const partitionConcurrency = Number(process.env.PARTITION_CONCURRENCY ?? 4);
const topic = `bench.connector.responses.${events}.${formCount}`;

const noOpConnector = (type: string): Connector => ({
  type,
  configSchema: { type: 'object' },
  idempotent: true,
  maxBatchSize: 1_000,
  deliver: (_target, responses) =>
    Promise.resolve(
      responses.map((r) => ({ responseId: r.response.responseId, status: 'delivered' })),
    ),
});

/** Deterministic form ids, so a reused topic and a new run agree on them. */
const formIdOf = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;

async function fillTopic(kafka: Kafka, serde: EventSerde): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, { topics: [topic], replicationFactor: 1 });
  const have = (await admin.fetchTopicOffsets(topic)).reduce((sum, o) => sum + Number(o.high), 0);
  await admin.disconnect();
  if (have >= events) return;
  console.log(`producing ${events - have} events to ${topic} …`);
  await serde.registerAll();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const started = Date.now();
  for (let sent = have; sent < events;) {
    const batch = Array.from({ length: Math.min(5_000, events - sent) }, (_, i) => {
      const event = response(sent + i);
      return { key: event.formId, value: serde.encode(event) };
    });
    await producer.send({ topic, acks: -1, messages: batch });
    sent += batch.length;
    if (sent % 100_000 === 0)
      console.log(`  ${sent} (${Math.round(sent / ((Date.now() - started) / 1000))}/s)`);
  }
  await producer.disconnect();
}

function response(n: number): ResponseSubmitted {
  return {
    type: 'ResponseSubmitted',
    eventId: randomUUID(),
    occurredAt: Date.now(),
    orgId: '00000000-0000-4000-8000-00000000beef',
    responseId: randomUUID(),
    aggregateVersion: 1,
    formId: formIdOf(n % formCount),
    formVersion: 1,
    submittedAt: Date.now(),
    answers: [
      { questionId: 'name', value: `respondent ${n}` },
      { questionId: 'income', value: n % 5_000 },
      { questionId: 'colours', value: ['red', 'blue'] },
    ],
    metadata: { source: 'bench', hiddenFields: {}, locale: null },
    idempotencyKey: null,
  };
}

interface Run {
  readonly seconds: number;
  readonly delivered: number;
}

/** A new connector type replays the topic from the earliest offset; resolves once it passed the end. */
async function replay(
  kafka: Kafka,
  pool: Pool,
  serde: EventSerde,
  withIntegrations: number,
): Promise<Run> {
  const type = `bench-${Date.now().toString(36)}`;
  const groupId = connectorGroupId(type);
  for (let f = 0; f < withIntegrations; f++) {
    await pool.query(
      `INSERT INTO integrations (integration_id, org_id, form_id, type, name, config, state, version, backfill, attached_at, updated_at)
       VALUES ($1, '00000000-0000-4000-8000-00000000beef', $2, $3, 'bench', '{}', 'active', 1, true, now(), now())`,
      [randomUUID(), formIdOf(f), type],
    );
  }
  const runtimePool = new Pool({ ...poolConfig(), max: 16 });
  const runtime = new ConnectorRuntime(
    { kafka, pool: runtimePool, serde, connector: asRuntimeConnector(noOpConnector(type)) },
    {
      responsesTopic: topic,
      integrationsTopic: `${topic}.integrations`,
      groupId,
      deadLetterTopic: deadLetterTopic(type),
      deadLetterReplicationFactor: 1,
      deadLetterPartitions: 1,
      backoff: { initialMs: 100, maxMs: 5_000 },
      partitionsConsumedConcurrently: partitionConcurrency,
      targetConcurrency: 8,
      maxBatchBytes: 2 * 1024 * 1024,
      maxWaitMs: 100,
      refreshMs: 5_000,
      migrations: integrationsMigrations(),
    },
  );
  const started = Date.now();
  await runtime.start();
  const target = BigInt(events);
  for (;;) {
    const { rows } = await pool.query<{ total: string | null }>(
      'SELECT sum(next_offset)::text AS total FROM connector_offsets WHERE group_id = $1 AND topic = $2',
      [groupId, topic],
    );
    const total = BigInt(rows[0]?.total ?? '0');
    if (total >= target) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seconds = (Date.now() - started) / 1000;
  await runtime.stop();
  await runtimePool.end();
  const { rows } = await pool.query<{ delivered: string | null }>(
    `SELECT count(*)::text AS delivered FROM connector_deliveries d JOIN integrations i USING (integration_id)
      WHERE i.type = $1 AND d.state = 'delivered'`,
    [type],
  );
  await cleanUp(pool, type, groupId);
  return { seconds, delivered: Number(rows[0]?.delivered ?? 0) };
}

async function cleanUp(pool: Pool, type: string, groupId: string): Promise<void> {
  const ids = `SELECT integration_id FROM integrations WHERE type = $1`;
  await pool.query(`DELETE FROM connector_deliveries WHERE integration_id IN (${ids})`, [type]);
  await pool.query(`DELETE FROM integration_cursors WHERE integration_id IN (${ids})`, [type]);
  await pool.query(`DELETE FROM integration_status WHERE integration_id IN (${ids})`, [type]);
  await pool.query('DELETE FROM integrations WHERE type = $1', [type]);
  await pool.query('DELETE FROM connector_types WHERE type = $1', [type]);
  await pool.query('DELETE FROM connector_offsets WHERE group_id = $1', [groupId]);
}

function poolConfig() {
  const env = new LocalStack().env();
  const url = new URL(env.DATABASE_URL!);
  return {
    host: url.hostname,
    port: Number(url.port),
    user: decodeURIComponent(url.username),
    password: env.DATABASE_PASSWORD,
    database: url.pathname.slice(1),
  };
}

async function main(): Promise<void> {
  const env = new LocalStack().env();
  const kafka = createKafka({
    brokers: env.KAFKA_BROKERS!.split(','),
    clientId: 'bench-connector',
    schemaRegistryUrl: env.SCHEMA_REGISTRY_URL!,
    logLevel: 'error',
  });
  const serde = new EventSerde(createSchemaRegistry({ url: env.SCHEMA_REGISTRY_URL! }));
  const pool = new Pool({ ...poolConfig(), max: 4 });
  await runMigrations(pool, integrationsMigrations());
  await fillTopic(kafka, serde);

  const bare = await replay(kafka, pool, serde, 0);
  console.log(
    `replay, no integrations: ${events} events in ${bare.seconds.toFixed(1)} s = ${Math.round(events / bare.seconds)} events/s`,
  );
  const delivering = await replay(kafka, pool, serde, deliverForms);
  const extra = delivering.seconds - bare.seconds;
  console.log(
    `replay, ${deliverForms} of ${formCount} forms with an integration: ${events} events, ${delivering.delivered} delivered, in ${delivering.seconds.toFixed(1)} s ` +
      `= ${Math.round(events / delivering.seconds)} events/s, ${Math.round(delivering.delivered / delivering.seconds)} deliveries/s; ` +
      `overhead per delivered response ≈ ${((extra * 1e6) / Math.max(1, delivering.delivered)).toFixed(0)} µs`,
  );
  await pool.end();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
