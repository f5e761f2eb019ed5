// Sheets connector benchmark (not a test): rows delivered per minute at a given write quota, as a
// ratio of the theoretical maximum (quota × rows per request). Goal: at least 90%.
//
// Against the running stack (`./dev up`: Kafka, Postgres, registry), with a Sheets emulator
// process of its own and CONNECTORS sheets-connector processes (the app, configured by env) of a
// connector type of its own, reading a topic of its own that holds a backlog produced before they
// start, large enough that the quota, not the backlog, bounds the run. Rows, writes and 429s come
// from the emulator's own counters, sampled each second. The steady state, DURATION seconds long,
// starts WARMUP seconds after the first row at the earliest and not before every tab has rows:
// each tab's header takes a write request of its own from the same quota, a one-off cost that is
// no throughput (nor are the token buckets' initial burst and consumer start-up).
//
// Run: flock /tmp/collect-bench.lock npx tsx tools/bench/sheets-throughput.ts
// Env: QUOTA (writes/min per user, 60), PROJECT_QUOTA (300), FORMS (20), DURATION (s measured,
// 120), WARMUP (s, 30), CONNECTORS (1), PARTITIONS (12), BACKLOG (responses; default: enough for
// the run). CONNECTOR_* and SHEETS_WRITES_* pass through to the connector processes. Writes .local/bench/sheets-throughput.json.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runMigrations } from '@collect/database';
import { deadLetterTopic, ensureTopics, EventSerde } from '@collect/events';
import { connectorGroupId, integrationsMigrations } from '@collect/integrations';
import { createKafka, createSchemaRegistry } from '@collect/kafka';
import { Pool } from 'pg';
import { postgresConnection } from '../../test/support/stack-env';
import { repoRoot } from '../stack/src/layout';
import { LocalStack } from '../stack/src/stack';
import { envNumber } from './projector-bench-support';
import {
  attachIntegrations,
  benchResponses,
  createForms,
  produceBacklog,
  removeBenchData,
  type BenchForm,
} from './sheets-backlog';
import {
  startConnector,
  startEmulator,
  stopProcess,
  type BenchEmulator,
  type BenchProcess,
} from './sheets-bench-processes';
import { ceilingOf, printReport, verdictOf, writeJson } from './sheets-throughput-report';
import {
  busiestWindow,
  readSample,
  isSteady,
  sampleAt,
  spanBetween,
  windows,
  type Sample,
} from './sheets-samples';
import { verifySheets } from './sheets-verify';

const settings = {
  quotaPerUser: envNumber('QUOTA', 60),
  quotaPerProject: envNumber('PROJECT_QUOTA', 300),
  forms: envNumber('FORMS', 20),
  durationS: envNumber('DURATION', 120),
  warmUpS: envNumber('WARMUP', 30),
  connectors: envNumber('CONNECTORS', 1),
  partitions: envNumber('PARTITIONS', 12),
};
const benchDir = join(repoRoot, '.local', 'bench');
const logDir = join(benchDir, 'sheets-throughput-logs');
const stamp = () => new Date().toISOString().slice(11, 19);
const say = (line: string) => console.log(`${stamp()} ${line}`);

/** What the connector processes are told: the stack, the emulator, the run's own names and budgets. */
function connectorEnv(emulator: BenchEmulator, type: string, topics: readonly string[]) {
  const stack = new LocalStack().env();
  const passThrough = Object.entries(process.env).filter(
    ([name]) => name.startsWith('CONNECTOR_') || name.startsWith('SHEETS_WRITES_'),
  );
  return {
    KAFKA_BROKERS: stack.KAFKA_BROKERS!,
    SCHEMA_REGISTRY_URL: stack.SCHEMA_REGISTRY_URL!,
    DATABASE_URL: stack.DATABASE_URL!,
    DATABASE_PASSWORD: stack.DATABASE_PASSWORD ?? '',
    LOG_LEVEL: 'warn',
    CONNECTOR_DLQ_PARTITIONS: '1',
    SHEETS_WRITES_PER_MINUTE_PER_USER: String(settings.quotaPerUser),
    SHEETS_WRITES_PER_MINUTE_PER_PROJECT: String(settings.quotaPerProject),
    SHEETS_WRITES_PER_MINUTE_PER_SPREADSHEET: String(settings.quotaPerUser),
    ...Object.fromEntries(passThrough as Array<[string, string]>),
    SHEETS_API_ROOT_URL: emulator.url,
    SHEETS_CREDENTIALS_FILE: emulator.keyFile,
    SHEETS_CONNECTOR_TYPE: type,
    CONNECTOR_RESPONSES_TOPIC: topics[0]!,
    CONNECTOR_INTEGRATIONS_TOPIC: topics[1]!,
    KAFKA_CLIENT_ID: type,
    OTEL_SERVICE_NAME: type,
  };
}

/**
 * Samples every second until DURATION seconds of steady state are measured (or the backlog is all
 * delivered, or set-up never finishes within five more minutes).
 */
async function sampleRun(emulator: BenchEmulator, forms: readonly BenchForm[], total: number) {
  const ids = new Set(forms.map((form) => form.spreadsheetId));
  const samples: Sample[] = [];
  const started = Date.now();
  let firstRowAt: number | undefined;
  let steadyFrom: number | undefined;
  const warmUpMs = settings.warmUpS * 1_000;
  const giveUpAtMs = (settings.warmUpS + settings.durationS + 300) * 1_000;
  for (let tick = 0; ; tick++) {
    const now = Date.now();
    const sample = await readSample(emulator.control, ids, now - (firstRowAt ?? now));
    if (firstRowAt === undefined && sample.rows > 0) firstRowAt = now;
    if (firstRowAt !== undefined) samples.push(sample);
    if (
      steadyFrom === undefined &&
      firstRowAt !== undefined &&
      isSteady(sample, warmUpMs, forms.length)
    ) {
      steadyFrom = sample.at;
      say(
        `steady state from ${Math.round(sample.at / 1_000)} s after the first row: every tab has rows`,
      );
    }
    if (tick % 10 === 0) {
      const recent =
        samples.length > 10 ? spanBetween(samples[samples.length - 11]!, sample) : undefined;
      say(
        `${Math.round((now - started) / 1_000)} s: ${sample.rows.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} rows, ` +
          `${sample.writes} writes, ${sample.rateLimited} 429s, ${sample.serverErrors} 5xx` +
          (recent
            ? `; last 10 s: ${recent.rowsPerMinute.toLocaleString('en-GB')} rows/min, ${recent.rowsPerWrite} rows/write`
            : ''),
      );
    }
    if (firstRowAt === undefined && now - started > 120_000)
      throw new Error('no row arrived within 120 s; see the logs in ' + logDir);
    const measured =
      steadyFrom !== undefined && sample.at - steadyFrom >= settings.durationS * 1_000;
    if (sample.rows >= total || measured || sample.at >= giveUpAtMs) break;
    await sleep(1_000 - (Date.now() - now));
  }
  const last = samples[samples.length - 1]!;
  return { samples, steadyFrom: steadyFrom ?? last.at, drained: last.rows >= total };
}

async function main(): Promise<void> {
  const stack = new LocalStack().env();
  const kafka = createKafka({
    brokers: stack.KAFKA_BROKERS!.split(','),
    clientId: 'bench-sheets-throughput',
    schemaRegistryUrl: stack.SCHEMA_REGISTRY_URL!,
    logLevel: 'error',
  });
  const serde = new EventSerde(createSchemaRegistry({ url: stack.SCHEMA_REGISTRY_URL! }));
  const pool = new Pool({
    ...postgresConnection({
      kafkaBrokers: [],
      schemaRegistryUrl: '',
      databaseUrl: stack.DATABASE_URL!,
      databasePassword: stack.DATABASE_PASSWORD ?? '',
      sheets: {},
    }),
    max: 4,
  });
  await runMigrations(pool, integrationsMigrations());

  const type = `bench-sheets-${Date.now().toString(36)}`;
  const topics = [`bench.${type}.responses`, `bench.${type}.integrations`];
  const emulator = await startEmulator(logDir, type);
  const connectors: BenchProcess[] = [];
  let forms: BenchForm[] = [];
  try {
    await emulator.control.setQuotas({
      writesPerMinutePerUser: settings.quotaPerUser,
      writesPerMinutePerProject: settings.quotaPerProject,
    });
    forms = await createForms(emulator.control, settings.forms);
    const ceiling = ceilingOf(
      { perUser: settings.quotaPerUser, perProject: settings.quotaPerProject },
      benchResponses(forms[0]!, 1)[0]!,
    );
    console.log(ceiling.explanation);
    // Set-up (one header write per tab, from the same quota) may end after WARMUP: room for it.
    const runMinutes = (settings.warmUpS + settings.durationS + 90) / 60;
    const total = envNumber('BACKLOG', Math.ceil(ceiling.rowsPerMinute * runMinutes * 1.2));
    const perForm = Math.ceil(total / forms.length);

    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, {
      topics: [topics[0]!],
      replicationFactor: 1,
      partitions: settings.partitions,
    });
    await ensureTopics(admin, { topics: [topics[1]!], replicationFactor: 1 });
    await admin.disconnect();
    say(
      `producing a backlog of ${(perForm * forms.length).toLocaleString('en-GB')} responses across ${forms.length} forms to ${topics[0]}`,
    );
    let produced = 0;
    await produceBacklog(kafka, serde, topics[0]!, forms, perForm, (count) => {
      const before = produced;
      produced += count;
      if (Math.floor(produced / 25_000) > Math.floor(before / 25_000))
        say(`  ${produced.toLocaleString('en-GB')} produced`);
    });
    await attachIntegrations(pool, type, forms);

    const env = connectorEnv(emulator, type, topics);
    say(
      `starting ${settings.connectors} sheets-connector process(es), type ${type}, budgets per user/project/spreadsheet ` +
        `${env.SHEETS_WRITES_PER_MINUTE_PER_USER}/${env.SHEETS_WRITES_PER_MINUTE_PER_PROJECT}/${env.SHEETS_WRITES_PER_MINUTE_PER_SPREADSHEET} writes/min`,
    );
    for (let i = 0; i < settings.connectors; i++)
      connectors.push(await startConnector(logDir, i, env));
    const { samples, steadyFrom, drained } = await sampleRun(
      emulator,
      forms,
      perForm * forms.length,
    );
    await Promise.all(connectors.map((c) => stopProcess(c)));

    const first = samples[0]!;
    const last = samples[samples.length - 1]!;
    const warmUpEnd = sampleAt(samples, steadyFrom);
    const steady = spanBetween(warmUpEnd, last);
    const minutes = windows(samples, warmUpEnd.at, last.at, 60_000);
    const verdict = verdictOf(steady, ceiling);
    const busiestMinuteWrites = busiestWindow(samples, 60_000);
    printReport({
      ceiling,
      steady,
      minutes,
      warmUp: spanBetween(first, warmUpEnd),
      verdict,
      busiestMinuteWrites,
    });
    if (drained)
      console.log(
        'WARNING: the backlog ran out before the end: raise BACKLOG; the ratio understates.',
      );
    const exactness = await verifySheets(emulator.control, forms);
    say(exactness.line);

    writeJson(join(benchDir, 'sheets-throughput.json'), {
      date: new Date().toISOString(),
      settings,
      connectorType: type,
      backlog: perForm * forms.length,
      ceiling,
      steady,
      minutes,
      verdict,
      busiestMinuteWrites,
      drained,
      exactness,
      totals: {
        rows: last.rows,
        writes: last.writes,
        rateLimited: last.rateLimited,
        serverErrors: last.serverErrors,
      },
    });
  } finally {
    await Promise.all(connectors.map((c) => stopProcess(c)));
    await removeBenchData(
      kafka,
      pool,
      type,
      connectorGroupId(type),
      [...topics, deadLetterTopic(type)],
      forms,
    );
    await stopProcess(emulator);
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
