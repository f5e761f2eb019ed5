// End-to-end latency of the read side: a real API process and a real projector process (both on
// a private Postgres; the API writes to the real topics, the projector starts at their current
// end), responses submitted at fixed rates, and a poller that notices each row in
// read_model.responses (one query per 5 ms over the rows after the last one seen per form).
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { formsTopic, responsesTopic } from '@collect/events';
import {
  migrateProjection,
  projectionMigrationDirs,
} from '../../apps/projector/src/generations/projection-migrations';
import { logEnd } from '../../apps/projector/src/rebuild/log-positions';
import { startApp, waitForReadyStatus, type RunningApp } from '../../test/support/app-process';
import { publishedForms, SUBMISSION } from './projector-latency-forms';
import { quantile, type PrivatePostgres } from './projector-bench-support';

export interface LatencyRun {
  readonly rate: number;
  readonly seconds: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly achievedPerSecond: number;
  /** Request sent → row visible in read_model.responses. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** HTTP 202 received → row visible (0 when the row showed first). */
  readonly after202P50Ms: number;
  readonly after202P99Ms: number;
}

async function startReadyApp(name: string, env: Record<string, string>): Promise<RunningApp> {
  const app = await startApp(name, env);
  await waitForReadyStatus(app, 200, 120_000);
  return app;
}

/** Notices new rows of the forms: one query per 5 ms for the rows after the last form_seq seen. */
class VisibilityPoller {
  readonly visibleAt = new Map<string, number>();
  private readonly lastSeq: Map<string, number>;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(
    private readonly pool: Pool,
    formIds: readonly string[],
  ) {
    this.lastSeq = new Map(formIds.map((formId) => [formId, 0]));
    this.loop = this.poll();
  }

  private async poll(): Promise<void> {
    while (this.running) {
      const formIds = [...this.lastSeq.keys()];
      const { rows } = await this.pool.query<{
        form_id: string;
        form_seq: string;
        response_id: string;
      }>(
        `SELECT r.form_id, r.form_seq, r.response_id
           FROM unnest($1::uuid[], $2::bigint[]) AS f(form_id, seq)
           JOIN read_model.responses r ON r.form_id = f.form_id AND r.form_seq > f.seq`,
        [formIds, formIds.map((formId) => this.lastSeq.get(formId)!)],
      );
      const now = performance.now();
      for (const row of rows) {
        this.visibleAt.set(row.response_id, now);
        this.lastSeq.set(
          row.form_id,
          Math.max(this.lastSeq.get(row.form_id)!, Number(row.form_seq)),
        );
      }
      await sleep(5);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

async function measureRate(
  api: string,
  key: string,
  formIds: readonly string[],
  pool: Pool,
  rate: number,
  seconds: number,
): Promise<LatencyRun> {
  const poller = new VisibilityPoller(pool, formIds);
  const sent = new Map<string, { sentAt: number; acceptedAt: number }>();
  let rejected = 0;
  const inFlight: Promise<void>[] = [];
  const total = Math.round(rate * seconds);
  const started = performance.now();
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const sentAt = performance.now();
    inFlight.push(
      fetch(`${api}/v1/forms/${formIds[n % formIds.length]}/responses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: SUBMISSION,
      }).then(
        async (response) => {
          const acceptedAt = performance.now();
          const json = (await response.json()) as { responseId?: string };
          if (response.status === 202 && json.responseId)
            sent.set(json.responseId, { sentAt, acceptedAt });
          else rejected++;
        },
        () => void rejected++,
      ),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  const deadline = performance.now() + 60_000;
  while ([...sent.keys()].some((id) => !poller.visibleAt.has(id)) && performance.now() < deadline) {
    await sleep(50);
  }
  await poller.stop();
  const latencies: number[] = [];
  const after202: number[] = [];
  for (const [id, { sentAt, acceptedAt }] of sent) {
    const visible = poller.visibleAt.get(id) ?? Infinity;
    latencies.push(visible - sentAt);
    after202.push(Math.max(0, visible - acceptedAt));
  }
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    rate,
    seconds,
    accepted: sent.size,
    rejected,
    achievedPerSecond: Math.round(sent.size / elapsed),
    p50Ms: round(quantile(latencies, 0.5)),
    p99Ms: round(quantile(latencies, 0.99)),
    maxMs: round(Math.max(...latencies)),
    after202P50Ms: round(quantile(after202, 0.5)),
    after202P99Ms: round(quantile(after202, 0.99)),
  };
}

/** Starts the API and a projector on `postgres`, then measures each rate in turn. */
export async function measureLatency(
  postgres: PrivatePostgres,
  kafka: Kafka,
  stackEnv: { kafkaBrokers: string; schemaRegistryUrl: string },
  rates: readonly number[],
  seconds: number,
): Promise<LatencyRun[]> {
  const adminKey = randomBytes(24).toString('hex');
  // A database of its own: the replays left other generations live in the default one.
  const database = `latency_${randomBytes(4).toString('hex')}`;
  await postgres.instance.ensureDatabase(database);
  const common = {
    KAFKA_BROKERS: stackEnv.kafkaBrokers,
    SCHEMA_REGISTRY_URL: stackEnv.schemaRegistryUrl,
    DATABASE_URL: postgres.url.replace(/\/[^/]+$/, `/${database}`),
    DATABASE_PASSWORD: String(postgres.connection.password),
  };
  const apps: RunningApp[] = [];
  const pool = postgres.pool(database, 4);
  try {
    apps.push(
      await startReadyApp('api', {
        ...common,
        API_ADMIN_KEY: adminKey,
        API_RATE_LIMIT_PER_SECOND: '1000000',
        API_RATE_LIMIT_BURST: '1000000',
      }),
    );
    // The projector starts at the topics' current end: the shared log's history is not the point.
    await migrateProjection(pool, projectionMigrationDirs('apps/projector/migrations'));
    const end = await logEnd(kafka, [formsTopic, responsesTopic]);
    for (const [topic, partitions] of end) {
      for (const [partition, high] of partitions) {
        await pool.query(
          `INSERT INTO projection_g1.offsets (topic, partition, next_offset, updated_at)
           VALUES ($1, $2, $3, now()) ON CONFLICT (topic, partition) DO NOTHING`,
          [topic, partition, String(high)],
        );
      }
    }
    const suffix = randomBytes(4).toString('hex');
    apps.push(
      await startReadyApp('projector', {
        ...common,
        // PROJECTOR_* tuning of this bench's environment applies to its projector process.
        ...Object.fromEntries(
          Object.entries(process.env).filter(
            (entry): entry is [string, string] =>
              entry[0].startsWith('PROJECTOR_') && entry[1] !== undefined,
          ),
        ),
        PROJECTOR_GROUP_ID: `bench-latency-${suffix}`,
        PROJECTOR_DLQ_TOPIC: `bench-latency-${suffix}.dlq`,
      }),
    );
    const api = apps[0]!.url;
    const { key, formIds } = await publishedForms(api, adminKey, 12);
    // The API's forms view learns of the forms from Kafka: wait until each accepts a response.
    for (const formId of formIds) {
      const deadline = Date.now() + 30_000;
      while (
        (await fetch(`${api}/v1/forms/${formId}/responses`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: SUBMISSION,
        }).then((r) => r.status)) !== 202
      ) {
        if (Date.now() > deadline) throw new Error(`form ${formId} never accepted a response`);
        await sleep(100);
      }
    }
    const runs: LatencyRun[] = [];
    for (const rate of rates) {
      const run = await measureRate(api, key, formIds, pool, rate, seconds);
      console.log(
        `  ${rate}/s: p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms (${run.accepted} accepted)`,
      );
      runs.push(run);
    }
    return runs;
  } finally {
    for (const app of apps.reverse()) {
      app.child.kill('SIGTERM');
      await Promise.race([
        new Promise((resolve) => app.child.once('exit', resolve)),
        sleep(15_000),
      ]);
    }
    await pool.end();
  }
}
