// Shared pieces of the projector benchmarks (tools/bench/projector-*.ts): a private Postgres, CPU
// and memory readings from /proc, percentiles and a printed table.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool, type PoolConfig } from 'pg';
import { host, localPostgres } from '../stack/src/layout';
import { freePort } from '../stack/src/ports';
import { PostgresInstance } from '../stack/src/postgres';

export interface PrivatePostgres {
  readonly instance: PostgresInstance;
  readonly connection: PoolConfig & { port: number };
  readonly url: string;
  pool(database?: string, max?: number): Pool;
  dispose(): Promise<void>;
}

/** A throwaway Postgres like the stack's (same binaries and settings), so a bench never touches shared data. */
export async function startBenchPostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'collect-bench-pg-'));
  const port = await freePort();
  const instance = new PostgresInstance({ dir, port, logFile: join(dir, 'postgres.log') });
  await instance.start();
  // Commit times of rows, for the latency breakdown (a restart applies it); costs a few bytes per commit.
  await withClient(instance, (client) =>
    client.query('ALTER SYSTEM SET track_commit_timestamp = on'),
  );
  await instance.stop();
  await instance.start();
  await instance.ensureDatabase(localPostgres.database);
  const connection = {
    host,
    port,
    user: localPostgres.user,
    password: localPostgres.password,
    database: localPostgres.database,
  };
  return {
    instance,
    connection,
    url: `postgres://${localPostgres.user}@${host}:${port}/${localPostgres.database}`,
    pool: (database = localPostgres.database, max = 10) => {
      const pool = new Pool({ ...connection, database, max });
      pool.on('error', () => undefined);
      return pool;
    },
    dispose: async () => {
      await instance.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withClient<T>(
  instance: PostgresInstance,
  work: (client: ReturnType<PostgresInstance['client']>) => Promise<T>,
): Promise<T> {
  const client = instance.client('postgres');
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** CPU seconds (user + system) of a process and its direct children, from /proc. */
export function cpuSecondsOfTree(rootPid: number | undefined): number {
  if (rootPid === undefined) return NaN;
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(entry) === rootPid || Number(fields[1]) === rootPid) {
        total += (Number(fields[11]) + Number(fields[12])) / 100;
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** This process's CPU seconds so far. */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Peak resident memory of this process so far (VmHWM), in MiB. */
export function peakRssMiB(pid: number | 'self' = 'self'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024);
}

/** The q-quantile (0..1) of unsorted values, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Prints rows as an aligned text table. */
export function printTable(rows: ReadonlyArray<Record<string, string | number>>): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const cell = (value: string | number | undefined) =>
    typeof value === 'number' ? value.toLocaleString('en-GB') : (value ?? '');
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => cell(row[column]).length)),
  );
  const line = (values: string[]) =>
    values.map((value, index) => value.padStart(widths[index]!)).join('  ');
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((column) => cell(row[column]))));
}

export function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number`);
  return value;
}
