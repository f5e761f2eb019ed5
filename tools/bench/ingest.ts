// Ingestion benchmark (not a test): POST /v1/forms/{id}/responses against the real local stack,
// beside a bare Fastify endpoint that only parses the same JSON, in the same run.
// Run: npx tsx tools/bench/ingest.ts   (after ./dev up; DURATION_S, RATE, CONNECTIONS tune it)
// Full speed is measured at each of CONNECTIONS (default 64 and 256): a bare parse saturates its
// one core at 64 already, while the API holds every request until Kafka acknowledged it, so it
// needs more requests in flight to be busy. "Rate" compares each target at its best count.
// The API it starts writes to topics of its own (deleted afterwards), so the stack's projector
// and connectors, which in production run on other machines, do not consume the load on the
// same two cores; BENCH_TOPICS=stack writes to the stack's real topics instead.
import autocannon from 'autocannon';
import { Kafka, logLevel } from 'kafkajs';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appCommand, nodeWarningFlags } from '../stack/src/apps';
import { localDir, ports, repoRoot } from '../stack/src/layout';
import { freePort } from '../stack/src/ports';
import { cpuPerRequest, cpuSnapshot, peakRssMiB, type CpuPerRequest } from './ingest-cpu';
import { body, setUpForm } from './ingest-form';
import { pacedLoad } from './paced-load';

const durationS = Number(process.env.DURATION_S ?? 15);
const rate = Number(process.env.RATE ?? 1_000);
/** Concurrent connections of the full-speed runs, e.g. CONNECTIONS=64,256; the first also drives the burst and keyed runs. */
const connectionCounts = (process.env.CONNECTIONS ?? '64,256').split(',').map(Number);
if (connectionCounts.some((count) => !Number.isInteger(count) || count < 1)) {
  throw new Error(
    `CONNECTIONS: expected whole numbers like 64,256, got "${process.env.CONNECTIONS}"`,
  );
}
const connections = connectionCounts[0]!;
/** Max and paced runs per target, interleaved; the goals are judged on their medians. */
const repeats = Number(process.env.REPEATS ?? 3);
const ownTopics = process.env.BENCH_TOPICS !== 'stack';
/** Which runs to make (e.g. BENCH_RUNS=max to profile only the saturated run); all by default. */
const runKinds = ['max', 'paced', 'bursts', 'keys'] as const;
const selectedRuns = new Set(process.env.BENCH_RUNS?.split(',') ?? runKinds);
for (const kind of selectedRuns) {
  if (!(runKinds as readonly string[]).includes(kind)) {
    throw new Error(`BENCH_RUNS: unknown run "${kind}"; choose from ${runKinds.join(', ')}`);
  }
}
const runId = randomBytes(4).toString('hex');
const benchTopics = {
  API_FORMS_TOPIC: `bench.ingest.${runId}.forms`,
  API_RESPONSES_TOPIC: `bench.ingest.${runId}.responses`,
  API_INTEGRATIONS_TOPIC: `bench.ingest.${runId}.integrations`,
};
const kafkaBrokers = process.env.KAFKA_BROKERS ?? `127.0.0.1:${ports.kafka}`;

/** Deletes the run's own topics: event topics keep everything, and the load is thrown away. */
async function deleteBenchTopics(): Promise<void> {
  const admin = new Kafka({
    clientId: 'bench-ingest',
    brokers: [kafkaBrokers],
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = Object.values(benchTopics).filter((topic) => existing.has(topic));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

interface Target {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
}

async function start(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<Target> {
  const port = await freePort();
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    const ready = await fetch(`${url}${name === 'api' ? '/health/ready' : '/'}`).then(
      (r) => (name === 'api' ? r.status === 200 : true),
      () => false,
    );
    if (ready) return { name, url, child };
    if (Date.now() > deadline) throw new Error(`${name} did not become ready within 90 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** SIGTERM, then waits (bounded) for the exit: the API drains its producers, writes profiles. */
async function stop(target: Target): Promise<void> {
  if (target.child.exitCode !== null) return;
  const exited = new Promise((resolve) => target.child.once('exit', resolve));
  target.child.kill('SIGTERM');
  const timer = setTimeout(() => target.child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

interface Row extends CpuPerRequest {
  readonly target: string;
  readonly run: string;
  readonly connections: number;
  readonly requestsPerSecond: number;
  readonly acceptedPerSecond: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs?: number;
  readonly peakRssMiB: number;
}

async function run(
  target: Target,
  runName: string,
  url: string,
  headers: Record<string, string>,
  options: { overallRate?: number; idempotencyKeys?: boolean; connections?: number },
): Promise<Row> {
  const cpuBefore = cpuSnapshot(target.child.pid);
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    connections: options.connections ?? connections,
    duration: durationS,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    ...(options.idempotencyKeys
      ? {
          requests: [
            {
              setupRequest: (request) => ({
                ...request,
                headers: { ...request.headers, 'idempotency-key': randomUUID() },
              }),
            },
          ],
        }
      : {}),
  });
  const seconds = result.duration;
  return {
    target: target.name,
    run: runName,
    connections: options.connections ?? connections,
    requestsPerSecond: Math.round(result.requests.total / seconds),
    acceptedPerSecond: Math.round(result['2xx'] / seconds),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    peakRssMiB: peakRssMiB(target.child.pid),
    ...cpuPerRequest(cpuBefore, cpuSnapshot(target.child.pid), result.requests.total),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Latency at a steady `rate` (open loop, evenly spaced requests): see paced-load.ts. */
async function pacedRun(
  target: Target,
  url: string,
  headers: Record<string, string>,
): Promise<Row> {
  const cpuBefore = cpuSnapshot(target.child.pid);
  const result = await pacedLoad({
    url,
    body,
    headers: { 'content-type': 'application/json', ...headers },
    ratePerSecond: rate,
    durationS,
  });
  return {
    target: target.name,
    run: `paced ${rate}/s`,
    connections: 0,
    requestsPerSecond: Math.round(result.sent / durationS),
    acceptedPerSecond: Math.round(result.accepted / durationS),
    non2xx: result.failed,
    errors: 0,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    peakRssMiB: peakRssMiB(target.child.pid),
    ...cpuPerRequest(cpuBefore, cpuSnapshot(target.child.pid), result.sent),
  };
}

async function main(): Promise<void> {
  const adminKey = randomBytes(32).toString('hex');
  const { command, args } = appCommand('api');
  // e.g. BENCH_API_NODE_ARGS=--max-semi-space-size=64 for V8 flags NODE_OPTIONS does not take
  const nodeArgs = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const api = await start('api', command, [...nodeArgs, ...args], {
    KAFKA_BROKERS: kafkaBrokers,
    ...(ownTopics ? benchTopics : {}),
    SCHEMA_REGISTRY_URL:
      process.env.SCHEMA_REGISTRY_URL ?? `http://127.0.0.1:${ports.registry}/apis/ccompat/v7`,
    DATABASE_URL:
      process.env.DATABASE_URL ?? `postgres://collect@127.0.0.1:${ports.postgres}/collect`,
    DATABASE_PASSWORD: process.env.DATABASE_PASSWORD ?? 'collect',
    API_ADMIN_KEY: adminKey,
    API_RATE_LIMIT_PER_SECOND: '1000000',
    API_RATE_LIMIT_BURST: '1000000',
    LOG_LEVEL: 'warn',
    // e.g. BENCH_API_NODE_OPTIONS=--cpu-prof to profile the API under load
    ...(process.env.BENCH_API_NODE_OPTIONS
      ? { NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS }
      : {}),
  });
  const bare = await start(
    'bare-fastify',
    process.execPath,
    [...nodeWarningFlags, '-r', '@swc-node/register', join(__dirname, 'bare-server.ts')],
    {},
  );
  const rows: Row[] = [];
  try {
    const { key, formId } = await setUpForm(api.url, adminKey);
    const path = `/v1/forms/${formId}/responses`;
    const auth = { authorization: `Bearer ${key}` };
    const apiUrl = `${api.url}${path}`;
    const bareUrl = `${bare.url}${path}`;
    // Warm-up: JIT, connection pools, the producers.
    await run(api, 'warm-up', apiUrl, auth, { overallRate: 500 });
    await run(bare, 'warm-up', bareUrl, {}, { overallRate: 500 });
    // Interleaved, so both targets see the same neighbours on a shared machine; the goals are
    // judged on medians.
    for (let i = 0; i < repeats; i++) {
      if (selectedRuns.has('max')) {
        for (const count of connectionCounts) {
          rows.push(await run(api, 'max', apiUrl, auth, { connections: count }));
          rows.push(await run(bare, 'max', bareUrl, {}, { connections: count }));
        }
      }
      if (selectedRuns.has('paced')) {
        rows.push(await pacedRun(api, apiUrl, auth));
        rows.push(await pacedRun(bare, bareUrl, {}));
      }
    }
    if (selectedRuns.has('bursts')) {
      const overallRate = rate;
      rows.push(await run(api, `autocannon ${rate}/s (bursts)`, apiUrl, auth, { overallRate }));
      rows.push(await run(bare, `autocannon ${rate}/s (bursts)`, bareUrl, {}, { overallRate }));
    }
    if (selectedRuns.has('keys')) {
      const options = { idempotencyKeys: true };
      rows.push(await run(api, 'max, Idempotency-Key each', apiUrl, auth, options));
    }
  } finally {
    await Promise.all([stop(api), stop(bare)]);
    if (ownTopics) await deleteBenchTopics();
  }
  const maxRuns = (target: string, count: number) =>
    rows.filter((r) => r.target === target && r.run === 'max' && r.connections === count);
  const cpuMedians = (apiMax: readonly Row[], bareMax: readonly Row[]) => {
    const api = median(apiMax.map((r) => r.serverCpuUsPerRequest));
    const apiAndKafka = median(apiMax.map((r) => r.serverCpuUsPerRequest + r.kafkaCpuUsPerRequest));
    const bare = median(bareMax.map((r) => r.serverCpuUsPerRequest));
    return {
      medianCpuUsPerRequest: {
        api,
        apiMainThread: median(apiMax.map((r) => r.serverMainThreadCpuUsPerRequest)),
        apiAndKafka,
        bare,
        bareMainThread: median(bareMax.map((r) => r.serverMainThreadCpuUsPerRequest)),
        client: median(apiMax.map((r) => r.clientCpuUsPerRequest)),
        consumers: median(apiMax.map((r) => r.consumersCpuUsPerRequest)),
        machineForApi: median(apiMax.map((r) => r.machineCpuUsPerRequest)),
        machineForBare: median(bareMax.map((r) => r.machineCpuUsPerRequest)),
      },
      // The same goal in CPU per request instead of requests/s: bare server CPU over the API's,
      // alone (what the API's code costs) and with the broker's share (what accepting costs).
      cpuRatio: {
        apiOnly: Number((bare / api).toFixed(3)),
        apiAndKafka: Number((bare / apiAndKafka).toFixed(3)),
      },
    };
  };
  const byConnections = connectionCounts.map((count) => {
    const apiMax = maxRuns('api', count);
    const bareMax = maxRuns('bare-fastify', count);
    const ratios = apiMax.map((r, i) => r.acceptedPerSecond / bareMax[i]!.acceptedPerSecond);
    return {
      connections: count,
      medianApiMaxPerSecond: median(apiMax.map((r) => r.acceptedPerSecond)),
      medianBareMaxPerSecond: median(bareMax.map((r) => r.acceptedPerSecond)),
      ratios: ratios.map((ratio) => Number(ratio.toFixed(3))),
      medianRatio: Number(median(ratios).toFixed(3)),
      medianApiP99Ms: median(apiMax.map((r) => r.p99Ms)),
      ...cpuMedians(apiMax, bareMax),
    };
  });
  // Each target's rate is its best median over the connection counts (where it is saturated).
  const best = (key: 'medianApiMaxPerSecond' | 'medianBareMaxPerSecond') =>
    byConnections.reduce((top, entry) => (entry[key] > top[key] ? entry : top));
  const apiBest = best('medianApiMaxPerSecond');
  const bareBest = best('medianBareMaxPerSecond');
  const rateRatio = Number(
    (apiBest.medianApiMaxPerSecond / bareBest.medianBareMaxPerSecond).toFixed(3),
  );
  // Not the goal, a reading aid: per interleaved round, each target at its best count. Runs of
  // one round are minutes apart at most, so a noisy neighbour shows as one odd round here
  // instead of moving one target's median and not the other's.
  const roundRatios = Array.from({ length: repeats }, (_, round) => {
    const bestIn = (target: string) =>
      Math.max(
        ...connectionCounts.map((count) => maxRuns(target, count)[round]?.acceptedPerSecond ?? NaN),
      );
    return Number((bestIn('api') / bestIn('bare-fastify')).toFixed(3));
  }).filter((ratio) => !Number.isNaN(ratio));
  const apiPaced = rows.filter((r) => r.target === 'api' && r.run.startsWith('paced'));
  const medianPacedP99 = median(apiPaced.map((r) => r.p99Ms));
  const goals = {
    apiRate: { perSecond: apiBest.medianApiMaxPerSecond, connections: apiBest.connections },
    bareRate: { perSecond: bareBest.medianBareMaxPerSecond, connections: bareBest.connections },
    rateRatio,
    roundRatios,
    atLeastHalfOfBare: rateRatio >= 0.5,
    byConnections,
    medianPacedP99Ms: medianPacedP99,
    p99Under50MsAtRate:
      medianPacedP99 < 50 && apiPaced.every((r) => r.acceptedPerSecond >= rate * 0.95),
  };
  console.log(
    `\n${connectionCounts.join(' and ')} connections, ${durationS} s per run, body ${body.length} B, ` +
      (ownTopics
        ? 'the API on topics of its own (nothing consumes them)'
        : "the API on the stack's topics (the projector and connectors consume the load)") +
      '\n',
  );
  console.table(rows);
  console.log('goals:', JSON.stringify(goals, null, 2));
  const out = join(localDir, 'bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'ingest.json'),
    `${JSON.stringify({ at: new Date().toISOString(), connections: connectionCounts, durationS, bodyBytes: body.length, topics: ownTopics ? 'own' : 'stack', rows, goals }, null, 2)}\n`,
  );
  console.log(`written ${join(out, 'ingest.json')}`);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
