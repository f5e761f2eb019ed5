// Ingestion benchmark (not a test): POST /v1/forms/{id}/responses against the real local stack,
// beside a bare Fastify endpoint that only parses the same JSON, in the same run.
// Run: npx tsx tools/bench/ingest.ts   (after ./dev up; DURATION_S, RATE, CONNECTIONS tune it)
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appCommand, nodeWarningFlags } from '../stack/src/apps';
import { localDir, ports, repoRoot } from '../stack/src/layout';
import { freePort } from '../stack/src/ports';
import { pacedLoad } from './paced-load';

const durationS = Number(process.env.DURATION_S ?? 15);
const rate = Number(process.env.RATE ?? 1_000);
const connections = Number(process.env.CONNECTIONS ?? 64);
/** Max and paced runs per target, interleaved; the goals are judged on their medians. */
const repeats = Number(process.env.REPEATS ?? 3);

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

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
  } catch {
    return NaN;
  }
}

const kafkaPid = (): number | undefined => {
  try {
    return Number(readFileSync(join(localDir, 'stack', 'kafka', 'kafka.pid'), 'utf8').trim());
  } catch {
    return undefined;
  }
};

/** CPU microseconds per request: stable where throughput is not, on a shared, noisy machine. */
const perRequestUs = (seconds: number, requests: number): number =>
  requests > 0 ? Math.round((seconds / requests) * 1e6) : NaN;

function peakRssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return Math.round(kib / 1024);
}

async function call(
  url: string,
  key: string,
  body: unknown,
  method = 'POST',
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

const questions = [
  { questionId: 'email', type: 'email', title: 'Email', required: true, constraints: {} },
  {
    questionId: 'age',
    type: 'number',
    title: 'Age',
    required: true,
    constraints: { min: 0, max: 150, integer: true },
  },
  {
    questionId: 'income',
    type: 'number',
    title: 'Monthly income',
    required: false,
    constraints: { min: 0 },
  },
  {
    questionId: 'savings',
    type: 'number',
    title: 'Monthly savings',
    required: false,
    constraints: { min: 0 },
  },
  {
    questionId: 'colour',
    type: 'single_choice',
    title: 'Colour',
    required: false,
    constraints: {
      options: ['red', 'green', 'blue'].map((optionId) => ({ optionId, label: optionId })),
    },
  },
  { questionId: 'visited', type: 'date', title: 'Visited on', required: false, constraints: {} },
  { questionId: 'consent', type: 'boolean', title: 'Consent', required: true, constraints: {} },
  { questionId: 'comment', type: 'long_text', title: 'Comment', required: false, constraints: {} },
];
const rules = [
  {
    ruleId: 'savings',
    expression: 'answers.savings <= answers.income',
    message: 'Savings exceed income.',
    questionIds: ['savings'],
  },
];
const body = JSON.stringify({
  answers: [
    { questionId: 'email', value: 'ada@example.org' },
    { questionId: 'age', value: 36 },
    { questionId: 'income', value: 4200 },
    { questionId: 'savings', value: 600 },
    { questionId: 'colour', value: 'blue' },
    { questionId: 'visited', value: '2025-04-30' },
    { questionId: 'consent', value: true },
    { questionId: 'comment', value: 'Quick and painless, thank you.' },
  ],
  metadata: { source: 'bench', hiddenFields: { campaign: 'spring' }, locale: 'en-GB' },
});

async function setUpForm(api: string, adminKey: string): Promise<{ key: string; formId: string }> {
  const org = await call(`${api}/v1/organisations`, adminKey, { name: `bench-${Date.now()}` });
  const { key } = (await call(`${api}/v1/organisations/${String(org.orgId)}/api-keys`, adminKey, {
    name: 'bench',
    scopes: ['forms:write', 'responses:write'],
  })) as { key: string };
  const form = await call(`${api}/v1/forms`, key, { title: 'Bench survey' });
  const formId = String(form.formId);
  let version = Number(form.version);
  for (const question of questions) {
    version = Number(
      (
        await call(`${api}/v1/forms/${formId}/questions`, key, {
          expectedVersion: version,
          question,
        })
      ).version,
    );
  }
  version = Number(
    (await call(`${api}/v1/forms/${formId}/rules`, key, { expectedVersion: version, rules }, 'PUT'))
      .version,
  );
  await call(`${api}/v1/forms/${formId}/publish`, key, { expectedVersion: version });
  return { key, formId };
}

interface Row {
  readonly target: string;
  readonly run: string;
  readonly requestsPerSecond: number;
  readonly acceptedPerSecond: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs?: number;
  readonly peakRssMiB: number;
  /** CPU time of the server process per request, and of the Kafka broker per request. */
  readonly serverCpuUsPerRequest: number;
  readonly kafkaCpuUsPerRequest: number;
}

async function run(
  target: Target,
  runName: string,
  url: string,
  headers: Record<string, string>,
  options: { overallRate?: number; idempotencyKeys?: boolean },
): Promise<Row> {
  const serverCpuBefore = cpuSeconds(target.child.pid);
  const kafkaCpuBefore = cpuSeconds(kafkaPid());
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    connections,
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
    requestsPerSecond: Math.round(result.requests.total / seconds),
    acceptedPerSecond: Math.round(result['2xx'] / seconds),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    peakRssMiB: peakRssMiB(target.child.pid),
    serverCpuUsPerRequest: perRequestUs(
      cpuSeconds(target.child.pid) - serverCpuBefore,
      result.requests.total,
    ),
    kafkaCpuUsPerRequest: perRequestUs(
      cpuSeconds(kafkaPid()) - kafkaCpuBefore,
      result.requests.total,
    ),
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
  const serverCpuBefore = cpuSeconds(target.child.pid);
  const kafkaCpuBefore = cpuSeconds(kafkaPid());
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
    requestsPerSecond: Math.round(result.sent / durationS),
    acceptedPerSecond: Math.round(result.accepted / durationS),
    non2xx: result.failed,
    errors: 0,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    peakRssMiB: peakRssMiB(target.child.pid),
    serverCpuUsPerRequest: perRequestUs(
      cpuSeconds(target.child.pid) - serverCpuBefore,
      result.sent,
    ),
    kafkaCpuUsPerRequest: perRequestUs(cpuSeconds(kafkaPid()) - kafkaCpuBefore, result.sent),
  };
}

async function main(): Promise<void> {
  const adminKey = randomBytes(32).toString('hex');
  const { command, args } = appCommand('api');
  const api = await start('api', command, args, {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? `127.0.0.1:${ports.kafka}`,
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
      rows.push(await run(api, 'max', apiUrl, auth, {}));
      rows.push(await run(bare, 'max', bareUrl, {}, {}));
      rows.push(await pacedRun(api, apiUrl, auth));
      rows.push(await pacedRun(bare, bareUrl, {}));
    }
    rows.push(await run(api, `autocannon ${rate}/s (bursts)`, apiUrl, auth, { overallRate: rate }));
    rows.push(await run(bare, `autocannon ${rate}/s (bursts)`, bareUrl, {}, { overallRate: rate }));
    rows.push(await run(api, 'max, Idempotency-Key each', apiUrl, auth, { idempotencyKeys: true }));
  } finally {
    api.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
  }
  const runsOf = (target: string, prefix: string) =>
    rows.filter((r) => r.target === target && r.run.startsWith(prefix));
  const apiMax = runsOf('api', 'max').filter((r) => r.run === 'max');
  const bareMax = runsOf('bare-fastify', 'max').filter((r) => r.run === 'max');
  const ratios = apiMax.map((r, i) => r.acceptedPerSecond / bareMax[i]!.acceptedPerSecond);
  const apiPaced = runsOf('api', 'paced');
  const medianRatio = Number(median(ratios).toFixed(3));
  const medianPacedP99 = median(apiPaced.map((r) => r.p99Ms));
  const goals = {
    medianApiMaxPerSecond: median(apiMax.map((r) => r.acceptedPerSecond)),
    medianBareMaxPerSecond: median(bareMax.map((r) => r.acceptedPerSecond)),
    ratios: ratios.map((ratio) => Number(ratio.toFixed(3))),
    medianRatio,
    atLeastHalfOfBare: medianRatio >= 0.5,
    medianCpuUsPerRequest: {
      api: median(apiMax.map((r) => r.serverCpuUsPerRequest)),
      bare: median(bareMax.map((r) => r.serverCpuUsPerRequest)),
    },
    medianPacedP99Ms: medianPacedP99,
    p99Under50MsAtRate:
      medianPacedP99 < 50 && apiPaced.every((r) => r.acceptedPerSecond >= rate * 0.95),
  };
  console.log(`\n${connections} connections, ${durationS} s per run, body ${body.length} B\n`);
  console.table(rows);
  console.log('goals:', goals);
  const out = join(localDir, 'bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'ingest.json'),
    `${JSON.stringify({ at: new Date().toISOString(), connections, durationS, bodyBytes: body.length, rows, goals }, null, 2)}\n`,
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
