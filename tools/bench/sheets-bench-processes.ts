// The processes of the Sheets throughput benchmark (tools/bench/sheets-throughput.ts): a Sheets
// emulator of its own and sheets-connector processes configured by environment, each logging to
// a file, each stopped by the pid it was started with.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SheetsEmulatorControl } from '../sheets-emulator/src/control-client';
import { emulatorServiceAccountKey } from '../sheets-emulator/src/service-account-key';
import { appCommand, nodeWarningFlags } from '../stack/src/apps';
import { repoRoot } from '../stack/src/layout';
import { freePort } from '../stack/src/ports';
import { waitFor } from '../stack/src/wait';

export interface BenchProcess {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  readonly logFile: string;
}

function start(
  name: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  url: string,
  logDir: string,
): BenchProcess {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const log = openSync(logFile, 'w');
  try {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env,
      stdio: ['ignore', log, log],
    });
    return { name, url, child, logFile };
  } finally {
    closeSync(log);
  }
}

async function untilReady(processInfo: BenchProcess, path: string): Promise<void> {
  await waitFor(
    async () =>
      (await fetch(`${processInfo.url}${path}`, { signal: AbortSignal.timeout(2_000) })).ok,
    {
      what: `${processInfo.name} ready on ${processInfo.url}${path}`,
      timeoutMs: 90_000,
      reportEveryMs: 0,
      abortIf: () =>
        processInfo.child.exitCode === null
          ? undefined
          : `it exited with ${processInfo.child.exitCode}; see ${processInfo.logFile}`,
    },
  );
}

export interface BenchEmulator extends BenchProcess {
  readonly control: SheetsEmulatorControl;
  /** A service-account key file whose token_uri is this emulator's. */
  readonly keyFile: string;
  /** The service account's email (the emulator's "user"). */
  readonly account: string;
}

/** The Sheets emulator as a process of its own, on a free port, with a key file for it. */
export async function startEmulator(logDir: string, project: string): Promise<BenchEmulator> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const running = start(
    'sheets-emulator',
    [...nodeWarningFlags, '-r', '@swc-node/register', 'tools/sheets-emulator/src/main.ts'],
    { ...process.env, SHEETS_EMULATOR_HOST: '127.0.0.1', SHEETS_EMULATOR_PORT: String(port) },
    url,
    logDir,
  );
  await untilReady(running, '/_control/health');
  const key = emulatorServiceAccountKey({ tokenUri: `${url}/token`, project });
  const keyFile = join(logDir, 'service-account.json');
  writeFileSync(keyFile, JSON.stringify(key), { mode: 0o600 });
  return {
    ...running,
    control: new SheetsEmulatorControl(url),
    keyFile,
    account: key.client_email,
  };
}

/** One sheets-connector process (the app as `./dev up` runs it), configured by `env`. */
export async function startConnector(
  logDir: string,
  index: number,
  env: Record<string, string>,
): Promise<BenchProcess> {
  const port = await freePort();
  const { args } = appCommand('sheets-connector');
  const running = start(
    `sheets-connector-${index}`,
    args,
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    `http://127.0.0.1:${port}`,
    logDir,
  );
  await untilReady(running, '/health/ready');
  return running;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopProcess(running: BenchProcess, graceMs = 20_000): Promise<void> {
  const { child } = running;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!stopped) {
    child.kill('SIGKILL');
    await exited;
  }
}
