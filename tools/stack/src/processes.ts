import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { waitFor } from './wait';

export interface DaemonSpec {
  name: string;
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  logFile: string;
  pidFile: string;
  /** Run as this user (needed for Postgres, which refuses to run as root). */
  uid?: number;
  gid?: number;
}

/** Starts a process that outlives this one; its output goes to logFile, its pid to pidFile. */
export function startDaemon(spec: DaemonSpec): number {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  mkdirSync(dirname(spec.pidFile), { recursive: true });
  const log = openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', log, log],
      uid: spec.uid,
      gid: spec.gid,
    });
    if (child.pid === undefined) throw new Error(`could not start ${spec.name} (${spec.command})`);
    child.unref();
    writeFileSync(spec.pidFile, String(child.pid));
    return child.pid;
  } finally {
    closeSync(log);
  }
}

export function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function isAlive(pid: number | undefined): pid is number {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch {
    return false;
  }
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

export function daemonPid(pidFile: string): number | undefined {
  const pid = readPid(pidFile);
  return isAlive(pid) ? pid : undefined;
}

/**
 * Stops a daemon and its process group: `signal` (SIGTERM), then SIGKILL after graceMs.
 * Resolves once it is gone; a missing or stale pid file is not an error.
 */
export async function stopDaemon(
  name: string,
  pidFile: string,
  options: { graceMs?: number; signal?: NodeJS.Signals } = {},
): Promise<void> {
  const graceMs = options.graceMs ?? 15_000;
  const pid = readPid(pidFile);
  if (isAlive(pid)) {
    signalGroup(pid, options.signal ?? 'SIGTERM');
    try {
      await waitFor(() => Promise.resolve(!isAlive(pid)), {
        what: `${name} to stop`,
        timeoutMs: graceMs,
        reportEveryMs: 0,
      });
    } catch {
      signalGroup(pid, 'SIGKILL');
      await waitFor(() => Promise.resolve(!isAlive(pid)), {
        what: `${name} to die`,
        timeoutMs: 5_000,
        reportEveryMs: 0,
      });
    }
  }
  rmSync(pidFile, { force: true });
}

/** Sends a signal to the whole process group (daemons are group leaders), falling back to the pid. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}
