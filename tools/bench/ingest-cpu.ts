// CPU accounting of tools/bench/ingest.ts: on a shared 2-core machine throughput depends on what
// else runs, CPU time per request much less so. Besides the server and the Kafka broker it counts
// the load generator (autocannon runs in the bench process), the local stack's consumers of the
// responses (projector, connectors and the Postgres they write to) and the whole machine, whose
// remainder is work of nobody in this run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localDir, runDir, stackDir } from '../stack/src/layout';

/** CPU seconds used so far, per party. */
export interface CpuSnapshot {
  readonly server: number;
  /** The server's main (event-loop) thread alone: a Node server saturates when this one does. */
  readonly serverMain: number;
  readonly kafka: number;
  readonly client: number;
  /** Per process: they may come and go between snapshots. */
  readonly consumers: ReadonlyMap<number, number>;
  readonly machine: number;
}

/** CPU microseconds per request between two snapshots. */
export interface CpuPerRequest {
  readonly serverCpuUsPerRequest: number;
  /** Of which its event-loop thread (the rest: GC, the submission thread, libuv's pool). */
  readonly serverMainThreadCpuUsPerRequest: number;
  readonly kafkaCpuUsPerRequest: number;
  readonly clientCpuUsPerRequest: number;
  /** The stack's projector, Sheets and SMS connectors and Postgres, which consume every response. */
  readonly consumersCpuUsPerRequest: number;
  /** Every process on the machine (all cores), the three above included. */
  readonly machineCpuUsPerRequest: number;
}

const clockTicksPerSecond = 100;

/** CPU seconds (user + system) a process (or one of its threads) has used so far, from /proc. */
function processCpuSeconds(pid: number | undefined, thread?: number): number {
  if (pid === undefined) return NaN;
  try {
    const file = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
    const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond; // utime, stime
  } catch {
    return NaN;
  }
}

/** CPU seconds every core of the machine spent not idle, from /proc/stat. */
function machineCpuSeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal (guest time is already in user)
  const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / clockTicksPerSecond;
}

function kafkaPid(): number | undefined {
  try {
    return Number(readFileSync(join(localDir, 'stack', 'kafka', 'kafka.pid'), 'utf8').trim());
  } catch {
    return undefined;
  }
}

function pidIn(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n', 1)[0]!.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function childrenOf(parent: number): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return Number(fields[1]) === parent ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

/** The local stack's consumer apps and Postgres (the postmaster and its backends). */
function consumerPids(): number[] {
  const apps = ['projector', 'sheets-connector', 'sms-connector'].map((app) =>
    pidIn(join(runDir, `${app}.pid`)),
  );
  const postmaster = pidIn(join(stackDir, 'postgres', 'data', 'postmaster.pid'));
  const postgres = postmaster === undefined ? [] : [postmaster, ...childrenOf(postmaster)];
  return [...apps, ...postgres].filter((pid): pid is number => pid !== undefined);
}

export function cpuSnapshot(serverPid: number | undefined): CpuSnapshot {
  const client = process.cpuUsage();
  return {
    server: processCpuSeconds(serverPid),
    serverMain: processCpuSeconds(serverPid, serverPid),
    kafka: processCpuSeconds(kafkaPid()),
    client: (client.user + client.system) / 1e6,
    consumers: new Map(consumerPids().map((pid) => [pid, processCpuSeconds(pid)])),
    machine: machineCpuSeconds(),
  };
}

/** CPU seconds of the processes alive at both snapshots. */
function consumedBetween(before: CpuSnapshot, after: CpuSnapshot): number {
  let seconds = 0;
  for (const [pid, end] of after.consumers) {
    const start = before.consumers.get(pid);
    if (start !== undefined && Number.isFinite(start) && Number.isFinite(end))
      seconds += end - start;
  }
  return seconds;
}

const perRequestUs = (seconds: number, requests: number): number =>
  requests > 0 ? Math.round((seconds / requests) * 1e6) : NaN;

export function cpuPerRequest(
  before: CpuSnapshot,
  after: CpuSnapshot,
  requests: number,
): CpuPerRequest {
  return {
    serverCpuUsPerRequest: perRequestUs(after.server - before.server, requests),
    serverMainThreadCpuUsPerRequest: perRequestUs(after.serverMain - before.serverMain, requests),
    kafkaCpuUsPerRequest: perRequestUs(after.kafka - before.kafka, requests),
    clientCpuUsPerRequest: perRequestUs(after.client - before.client, requests),
    consumersCpuUsPerRequest: perRequestUs(consumedBetween(before, after), requests),
    machineCpuUsPerRequest: perRequestUs(after.machine - before.machine, requests),
  };
}

export function peakRssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return Math.round(kib / 1024);
}
