import { spawn, type ChildProcess } from 'node:child_process';
import { appCommand } from '../../tools/stack/src/apps';
import { repoRoot } from '../../tools/stack/src/layout';
import { freePort } from '../../tools/stack/src/ports';
import { eventually } from './eventually';

export interface RunningApp {
  name: string;
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts an app as its own process, as `./dev up` does, on a free port. */
export async function startApp(
  name: string,
  env: Record<string, string | undefined>,
): Promise<RunningApp> {
  const port = await freePort();
  const { command, args } = appCommand(name);
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { name, url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
}

export async function readyStatus(app: RunningApp): Promise<number | undefined> {
  try {
    const response = await fetch(`${app.url}/health/ready`, { signal: AbortSignal.timeout(5_000) });
    return response.status;
  } catch {
    return undefined;
  }
}

export function waitForReadyStatus(
  app: RunningApp,
  status: number,
  timeoutMs = 60_000,
): Promise<void> {
  return waitForHealth(
    app,
    (answer) => answer === status,
    `/health/ready to answer ${status}`,
    timeoutMs,
  );
}

/** Waits until the app answers HTTP at all (ready or not), e.g. before killing it. */
export function waitForListening(app: RunningApp, timeoutMs = 60_000): Promise<void> {
  return waitForHealth(app, (answer) => answer !== undefined, 'to listen', timeoutMs);
}

/** On failure the error carries the app's output, and says so at once when the app exited. */
async function waitForHealth(
  app: RunningApp,
  accept: (status: number | undefined) => boolean,
  what: string,
  timeoutMs: number,
): Promise<void> {
  let exitedEarly = false;
  void app.exited.then(() => (exitedEarly = true));
  await eventually(
    async () => {
      if (exitedEarly) throw new Error(`${app.name} exited:\n${app.output()}`);
      return accept(await readyStatus(app));
    },
    `${app.name} ${what}`,
    timeoutMs,
  ).catch((error: unknown) => {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n--- ${app.name} output ---\n${app.output()}`,
    );
  });
}
