// End-to-end latency of the read side: a real API process and a real projector process (both on
// a private Postgres and on topics of their own, so the stack's projector and connectors do not
// consume the load on the same cores), responses submitted at fixed rates, and a poller that notices each row (one query per
// LATENCY_POLL_MS over the rows after the last one seen per form). Each response's latency splits
// into sent → 202 (the API and Kafka's ack), 202 → committed (the projector fetching and applying
// it; the commit time comes from Postgres) and committed → seen (the poller); the CPU each process
// spent per response is measured over the same window.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka } from 'kafkajs';
import type { ClientConfig } from 'pg';
import {
  migrateProjection,
  projectionMigrationDirs,
} from '../../apps/projector/src/generations/projection-migrations';
import { logEnd } from '../../apps/projector/src/rebuild/log-positions';
import { startApp, waitForReadyStatus, type RunningApp } from '../../test/support/app-process';
import { publishedForms, SUBMISSION } from './projector-latency-forms';
import {
  cpuSecondsOfTree,
  envNumber,
  quantile,
  type PrivatePostgres,
} from './projector-bench-support';
import { VisibilityPoller, wallClockMs } from './projector-latency-poller';

export interface LatencyRun {
  readonly rate: number;
  readonly seconds: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly achievedPerSecond: number;
  /** Request sent → row visible in the read model. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** HTTP 202 received → row visible (0 when the row showed first): the goal's measure. */
  readonly after202P50Ms: number;
  readonly after202P99Ms: number;
  /** Request sent → 202: the API and Kafka's acknowledgement. */
  readonly apiP99Ms: number;
  /** 202 → the row's transaction committed (0 when it committed first): Kafka fetch + projector. */
  readonly committedP50Ms: number;
  readonly committedP99Ms: number;
  /** Committed → seen by the benchmark's poller. */
  readonly seenP99Ms: number;
  /**
   * The API took the submission in (occurredAt) → committed: produce, Kafka's ack, fetch and
   * apply, without the API's queueing before it or its reply after (both in sent → 202).
   */
  readonly receivedToCommittedP50Ms: number;
  readonly receivedToCommittedP99Ms: number;
  /** CPU per accepted response over the window, by process. */
  readonly apiCpuUs: number;
  readonly projectorCpuUs: number;
  readonly postgresCpuUs: number;
  /** Longest pause between two polls of the benchmark's poller (an upper bound of its share). */
  readonly pollerMaxGapMs: number;
}

async function startReadyApp(name: string, env: Record<string, string>): Promise<RunningApp> {
  const app = await startApp(name, env);
  await waitForReadyStatus(app, 200, 120_000);
  return app;
}

interface Processes {
  readonly api: number | undefined;
  readonly projector: number | undefined;
  readonly postgres: number | undefined;
}

interface Timing {
  readonly sentAt: number;
  readonly acceptedAt: number;
}

async function submitAtRate(
  api: string,
  key: string,
  formIds: readonly string[],
  rate: number,
  seconds: number,
): Promise<{ sent: Map<string, Timing>; rejected: number; elapsedS: number }> {
  const sent = new Map<string, Timing>();
  let rejected = 0;
  const inFlight: Promise<void>[] = [];
  const total = Math.round(rate * seconds);
  const started = performance.now();
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const sentAt = wallClockMs();
    inFlight.push(
      fetch(`${api}/v1/forms/${formIds[n % formIds.length]}/responses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: SUBMISSION,
      }).then(
        async (response) => {
          const acceptedAt = wallClockMs();
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
  return { sent, rejected, elapsedS: (performance.now() - started) / 1000 };
}

async function measureRate(
  api: string,
  key: string,
  formIds: readonly string[],
  connection: ClientConfig,
  processes: Processes,
  rate: number,
  seconds: number,
): Promise<LatencyRun> {
  const poller = new VisibilityPoller({
    connection,
    schema: 'projection_g1',
    formIds,
    intervalMs: envNumber('LATENCY_POLL_MS', 5),
  });
  await poller.ready;
  const cpuBefore = cpuOf(processes);
  const { sent, rejected, elapsedS } = await submitAtRate(api, key, formIds, rate, seconds);
  const deadline = performance.now() + 60_000;
  while ([...sent.keys()].some((id) => !poller.seen.has(id)) && performance.now() < deadline) {
    await sleep(50);
  }
  const cpuAfter = cpuOf(processes);
  const pollerStats = await poller.stop();
  const total: number[] = [];
  const after202: number[] = [];
  const apiMs: number[] = [];
  const committed: number[] = [];
  const seen: number[] = [];
  const fromReceived: number[] = [];
  for (const [id, { sentAt, acceptedAt }] of sent) {
    const row = poller.seen.get(id) ?? { seenAt: Infinity, committedAt: Infinity, receivedAt: 0 };
    total.push(row.seenAt - sentAt);
    after202.push(Math.max(0, row.seenAt - acceptedAt));
    apiMs.push(acceptedAt - sentAt);
    committed.push(Math.max(0, row.committedAt - acceptedAt));
    seen.push(row.seenAt - row.committedAt);
    fromReceived.push(row.committedAt - row.receivedAt);
  }
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const p = (values: number[], q: number) => round(quantile(values, q));
  const perResponse = (name: keyof Processes) =>
    Math.round(((cpuAfter[name] - cpuBefore[name]) / Math.max(1, sent.size)) * 1e6);
  return {
    rate,
    seconds,
    accepted: sent.size,
    rejected,
    achievedPerSecond: Math.round(sent.size / elapsedS),
    p50Ms: p(total, 0.5),
    p99Ms: p(total, 0.99),
    maxMs: round(Math.max(...total)),
    after202P50Ms: p(after202, 0.5),
    after202P99Ms: p(after202, 0.99),
    apiP99Ms: p(apiMs, 0.99),
    committedP50Ms: p(committed, 0.5),
    committedP99Ms: p(committed, 0.99),
    seenP99Ms: p(seen, 0.99),
    receivedToCommittedP50Ms: p(fromReceived, 0.5),
    receivedToCommittedP99Ms: p(fromReceived, 0.99),
    apiCpuUs: perResponse('api'),
    projectorCpuUs: perResponse('projector'),
    postgresCpuUs: perResponse('postgres'),
    pollerMaxGapMs: round(pollerStats.maxGapMs),
  };
}

function cpuOf(processes: Processes): Record<keyof Processes, number> {
  return {
    api: cpuSecondsOfTree(processes.api),
    projector: cpuSecondsOfTree(processes.projector),
    postgres: cpuSecondsOfTree(processes.postgres),
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
  const suffix = randomBytes(4).toString('hex');
  const topics = {
    forms: `bench-latency-${suffix}.forms`,
    responses: `bench-latency-${suffix}.responses`,
    integrations: `bench-latency-${suffix}.integrations`,
    dlq: `bench-latency-${suffix}.dlq`,
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
        API_FORMS_TOPIC: topics.forms,
        API_RESPONSES_TOPIC: topics.responses,
        API_INTEGRATIONS_TOPIC: topics.integrations,
      }),
    );
    // The projector starts at the topics' current end (the API's set-up probes are not the point).
    await migrateProjection(pool, projectionMigrationDirs('apps/projector/migrations'));
    const end = await logEnd(kafka, [topics.forms, topics.responses]);
    for (const [topic, partitions] of end) {
      for (const [partition, high] of partitions) {
        await pool.query(
          `INSERT INTO projection_g1.offsets (topic, partition, next_offset, updated_at)
           VALUES ($1, $2, $3, now()) ON CONFLICT (topic, partition) DO NOTHING`,
          [topic, partition, String(high)],
        );
      }
    }
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
        PROJECTOR_FORMS_TOPIC: topics.forms,
        PROJECTOR_RESPONSES_TOPIC: topics.responses,
        PROJECTOR_DLQ_TOPIC: topics.dlq,
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
      const processes = {
        api: apps[0]!.child.pid,
        projector: apps[1]!.child.pid,
        postgres: postgres.instance.pid(),
      };
      const run = await measureRate(
        api,
        key,
        formIds,
        { ...postgres.connection, database },
        processes,
        rate,
        seconds,
      );
      console.log(
        `  ${rate}/s: 202 → visible p50 ${run.after202P50Ms} ms, p99 ${run.after202P99Ms} ms (${run.accepted} accepted)`,
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
    await deleteTopics(kafka, Object.values(topics));
  }
}

/** The run's own topics go with it: event topics keep everything, and this load is throwaway. */
async function deleteTopics(kafka: Kafka, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const ours = topics.filter((topic) => existing.has(topic));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours });
  } finally {
    await admin.disconnect();
  }
}
