// Projector benchmark (not a test): replays REPLAY_EVENTS ResponseSubmitted events (5–10 answers
// each, over REPLAY_FORMS forms) into an empty read model on a private Postgres, then measures
// end-to-end latency (request → row visible in read_model.responses) through a real API and a
// real projector process at fixed submission rates. Prints tables; writes .local/bench/projector-replay.json.
// Run: npx tsx tools/bench/projector-replay.ts  (after ./dev up). Knobs (defaults):
//   REPLAY_EVENTS (1000000)  REPLAY_FORMS (300)  REPLAY_RUNS (1)  REPLAY_MODES (rebuild,live)
//   REPLAY_TOPIC_PREFIX (reuse load-<x>.forms/.responses made earlier by tools/load/cli.ts)
//   REPLAY_BATCH_BYTES, REPLAY_FETCH_BYTES, REPLAY_CONCURRENCY (the projector's defaults:
//   PROJECTOR_MAX_BATCH_BYTES, PROJECTOR_MAX_FETCH_BYTES, PROJECTOR_PARTITION_CONCURRENCY)
//   LATENCY_RATES (250,500,1000; empty skips)  LATENCY_SECONDS (15)  LATENCY_POLL_MS (5)
import { EventSerde } from '@collect/events';
import { createKafka, createSchemaRegistry } from '@collect/kafka';
import { Logger } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectorConfigSpec } from '../../apps/projector/src/config';
import { host, localDir, ports, repoRoot } from '../stack/src/layout';
import {
  envNumber,
  median,
  peakRssMiB,
  printTable,
  startBenchPostgres,
} from './projector-bench-support';
import { measureLatency, type LatencyRun } from './projector-latency';
import {
  replayByRebuild,
  replayLive,
  type ReplayRun,
  type ReplayTopics,
} from './projector-replay-runs';

/** The projector's own defaults, so the bench measures what ships unless told otherwise. */
const shipped = {
  maxBatchBytes: Number(projectorConfigSpec.maxBatchBytes.default),
  maxFetchBytes: Number(projectorConfigSpec.maxFetchBytes.default),
  partitionsConsumedConcurrently: Number(
    projectorConfigSpec.partitionsConsumedConcurrently.default,
  ),
};

const kafkaBrokers = process.env.KAFKA_BROKERS ?? `${host}:${ports.kafka}`;
const schemaRegistryUrl =
  process.env.SCHEMA_REGISTRY_URL ?? `http://${host}:${ports.registry}/apis/ccompat/v7`;

/** Produces the load in a child process, so its memory is not this process's peak RSS. */
function produceLoad(events: number, forms: number): ReplayTopics {
  console.log(`producing ${events.toLocaleString('en-GB')} responses over ${forms} forms …`);
  const result = spawnSync(
    process.execPath,
    ['--disable-warning=TimeoutNegativeWarning', '-r', '@swc-node/register', 'tools/load/cli.ts'],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        LOAD_RESPONSES: String(events),
        LOAD_FORMS: String(forms),
        KAFKA_BROKERS: kafkaBrokers,
        SCHEMA_REGISTRY_URL: schemaRegistryUrl,
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (result.status !== 0) throw new Error(`tools/load/cli.ts failed (${result.status})`);
  const line = result.stdout.trim().split('\n').at(-1)!;
  const report = JSON.parse(line) as { topics: ReplayTopics; seconds: number };
  console.log(`  produced in ${report.seconds} s to ${report.topics.responses}`);
  return report.topics;
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const events = envNumber('REPLAY_EVENTS', 1_000_000);
  const forms = envNumber('REPLAY_FORMS', 300);
  const runs = envNumber('REPLAY_RUNS', 1);
  const modes = (process.env.REPLAY_MODES ?? 'rebuild,live').split(',').filter(Boolean);
  const rates = (process.env.LATENCY_RATES ?? '250,500,1000')
    .split(',')
    .filter(Boolean)
    .map(Number);
  const tuning = {
    maxBytesPerPartition: envNumber('REPLAY_BATCH_BYTES', shipped.maxBatchBytes),
    maxBytesPerFetch: envNumber('REPLAY_FETCH_BYTES', shipped.maxFetchBytes),
    partitionsConsumedConcurrently: envNumber(
      'REPLAY_CONCURRENCY',
      shipped.partitionsConsumedConcurrently,
    ),
    maxWaitTimeInMs: 100,
  };
  const kafka = createKafka({
    brokers: kafkaBrokers.split(','),
    clientId: 'bench-projector',
    schemaRegistryUrl,
    logLevel: 'error',
  });
  const serde = new EventSerde(createSchemaRegistry({ url: schemaRegistryUrl }));
  const prefix = process.env.REPLAY_TOPIC_PREFIX;
  const topics =
    modes.length === 0
      ? undefined
      : prefix
        ? { forms: `${prefix}.forms`, responses: `${prefix}.responses` }
        : produceLoad(events, forms);

  const postgres = await startBenchPostgres();
  const replays: ReplayRun[] = [];
  let latency: LatencyRun[] = [];
  try {
    // Latency first: after a million-row replay, autovacuum on the big tables would share the CPU.
    if (rates.length > 0) {
      console.log(`end-to-end latency at ${rates.join(', ')} responses/s:`);
      latency = await measureLatency(
        postgres,
        kafka,
        { kafkaBrokers, schemaRegistryUrl },
        rates,
        envNumber('LATENCY_SECONDS', 15),
      );
    }
    for (let n = 1; n <= runs; n++) {
      for (const mode of modes) {
        console.log(`replay ${n}/${runs}, ${mode}:`);
        const replay = mode === 'live' ? replayLive : replayByRebuild;
        replays.push(await replay(postgres, { kafka, serde }, topics!, tuning));
      }
    }
  } finally {
    await postgres.dispose();
  }

  const summary = modes.map((mode) => {
    const own = replays.filter((r) => r.mode === mode);
    const rates = own.map((r) => r.responsesPerSecond);
    return {
      mode,
      runs: own.length,
      medianResponsesPerSecond: median(rates),
      minResponsesPerSecond: Math.min(...rates),
      maxResponsesPerSecond: Math.max(...rates),
      medianRowsPerSecond: median(own.map((r) => r.rowsPerSecond)),
    };
  });
  const result = {
    at: new Date().toISOString(),
    events,
    forms,
    tuning,
    peakRssMiB: peakRssMiB(),
    replays,
    summary,
    latency,
    load: process.env.REPLAY_NOTE ?? null,
  };
  console.log(
    "\nreplay into an empty read model (responses/s while loading; a rebuild's total adds its indexes):",
  );
  printTable(replays.map((r) => ({ ...r })));
  console.log(`\npeak RSS of the projecting process: ${result.peakRssMiB} MiB`);
  if (latency.length > 0) {
    console.log(
      '\nend-to-end latency: HTTP 202 → row visible (after202*; the goal), request sent → visible (p50Ms, p99Ms, maxMs), and its parts: sent → 202 (api*), 202 → row committed (committed*), committed → seen by the poller (seen*); CPU µs per response by process:',
    );
    printTable(latency.map((r) => ({ ...r })));
  }
  const dir = join(localDir, 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'projector-replay.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
