import { EventSerde, ensureTopics } from '@collect/events';
import { createKafka, createSchemaRegistry } from '@collect/kafka';
import { Pool } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApp, type RunningApp } from '../../../test/support/app-process';
import { eventually } from '../../../test/support/eventually';
import { uniqueName } from '../../../test/support/names';
import { startPrivatePostgres } from '../../../test/support/private-postgres';
import { stackEnv } from '../../../test/support/stack-env';
import { LoadProducer } from '../../../tools/load/load-producer';
import { ResponseLoad } from '../../../tools/load/response-load';
import { CrashLoadLedger } from './testing/crash-load-ledger';

// CI runs the small variant (~1 min); the full one: COLLECT_FULL=1 npx jest --selectProjects e2e apps/projector/src/projector-crash
const full = process.env.COLLECT_FULL === '1';
const size = full
  ? { responses: 100_000, forms: 200, kills: 25, chunks: 50 }
  : { responses: 20_000, forms: 200, kills: 20, chunks: 40 };
const PROJECTORS = 2;

describe('projector processes killed with SIGKILL at random moments during a load', () => {
  const env = stackEnv();
  const prefix = uniqueName('crash');
  const topics = { forms: `${prefix}.forms`, responses: `${prefix}.responses` };
  const kafka = createKafka({
    brokers: env.kafkaBrokers,
    clientId: prefix,
    schemaRegistryUrl: env.schemaRegistryUrl,
    logLevel: 'error',
  });
  const running: Array<RunningApp | undefined> = [];
  let privatePostgres: Awaited<ReturnType<typeof startPrivatePostgres>>;
  let pool: Pool;
  let producer: LoadProducer;

  beforeAll(async () => {
    privatePostgres = await startPrivatePostgres();
    pool = new Pool({ ...privatePostgres.connection, max: 2 });
    // An idle client dropped by the server must not crash the test process (its query would fail).
    pool.on('error', () => undefined);
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, {
      topics: [topics.forms, topics.responses],
      partitions: 6,
      replicationFactor: 1,
    }).finally(() => admin.disconnect());
    producer = new LoadProducer(
      kafka,
      new EventSerde(createSchemaRegistry({ url: env.schemaRegistryUrl })),
      { topics },
    );
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(running.map((app) => stop(app)));
    await producer?.disconnect();
    await pool?.end();
    await privatePostgres?.dispose();
  });

  const startProjector = (): Promise<RunningApp> =>
    startApp('projector', {
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: env.schemaRegistryUrl,
      DATABASE_URL: `postgres://${privatePostgres.connection.user}@${privatePostgres.connection.host}:${privatePostgres.connection.port}/${privatePostgres.connection.database}`,
      DATABASE_PASSWORD: privatePostgres.connection.password,
      PROJECTOR_GROUP_ID: `${prefix}.group`,
      PROJECTOR_FORMS_TOPIC: topics.forms,
      PROJECTOR_RESPONSES_TOPIC: topics.responses,
      PROJECTOR_DLQ_TOPIC: `${prefix}.dlq`,
      // A killed member's partitions move on after 6 s instead of 30 s.
      PROJECTOR_SESSION_TIMEOUT_MS: '6000',
      PROJECTOR_RETRY_MAX_MS: '1000',
    });

  it(
    `holds exactly the accepted responses after ${size.kills} SIGKILLs during a load of ${size.responses.toLocaleString('en-GB')} over ${size.forms} forms: none missing, none twice, form_seq dense and in log order, every counter exact`,
    async () => {
      const load = new ResponseLoad({ forms: size.forms, seed: 11 });
      const ledger = new CrashLoadLedger();
      await producer.send(load.forms.flatMap((form) => form.events));
      for (let n = 0; n < PROJECTORS; n++) running.push(await startProjector());

      const perChunk = size.responses / size.chunks;
      const producing = (async () => {
        for (let chunk = 0; chunk < size.chunks; chunk++) {
          const responses = [...load.responses(perChunk)];
          await producer.send(responses); // resolves once Kafka acked them all: accepted
          ledger.accepted(responses);
          await sleep(600); // pacing the load across the kills, not waiting for anything
        }
      })();

      const kills: string[] = [];
      for (let kill = 0; kill < size.kills; kill++) {
        await sleep(200 + Math.random() * 2_300); // a random moment, not a synchronisation
        const index = Math.floor(Math.random() * PROJECTORS);
        const victim = running[index]!;
        if (victim.child.exitCode !== null || victim.child.signalCode !== null) {
          throw new Error(`a projector exited by itself:\n${victim.output()}`);
        }
        const alive = performance.now();
        victim.child.kill('SIGKILL');
        expect(await victim.exited).toEqual({ code: null, signal: 'SIGKILL' });
        kills.push(`#${kill + 1} projector ${index} at ${Math.round(alive)} ms`);
        running[index] = await startProjector();
      }
      await producing;

      await eventually(
        async () => (await appliedTotal(pool, topics.responses)) === ledger.total,
        `the projectors to apply all ${ledger.total} responses after ${kills.length} kills`,
        full ? 600_000 : 120_000,
      );
      expect(kills).toHaveLength(size.kills);
      await ledger.verify(pool, load.forms.length);
    },
    full ? 1_800_000 : 240_000,
  );
});

/** Events applied on a topic, summed over partitions (the private database holds only this test's). */
async function appliedTotal(pool: Pool, topic: string): Promise<number> {
  const { rows } = await pool
    .query<{ n: string | null }>(
      'SELECT sum(next_offset) AS n FROM read_model.offsets WHERE topic = $1',
      [topic],
    )
    .catch(() => ({ rows: [{ n: null }] }));
  return Number(rows[0]?.n ?? 0);
}

async function stop(app: RunningApp | undefined): Promise<void> {
  if (!app || app.child.exitCode !== null || app.child.signalCode !== null) return;
  app.child.kill('SIGTERM');
  await Promise.race([app.exited, sleep(15_000)]);
  app.child.kill('SIGKILL');
}
