import { join } from 'node:path';
import { host, logsDir, portOffset, repoRoot, runDir } from './layout';
import { daemonPid, startDaemon, stopDaemon } from './processes';
import { assertPortFree } from './ports';
import { waitFor } from './wait';

export interface AppSpec {
  name: string;
  port: number;
}

/** Every app of the monorepo, with the port the local stack gives it. */
export const apps: readonly AppSpec[] = [
  { name: 'api', port: 3000 + portOffset },
  { name: 'projector', port: 3001 + portOffset },
  { name: 'sheets-connector', port: 3002 + portOffset },
  { name: 'sms-connector', port: 3003 + portOffset },
];

/**
 * kafkajs 2.2.4 schedules timers with negative delays, which Node clamps to 1 ms but reports on
 * every start (tulios/kafkajs#1751); the warning carries no information for us.
 */
export const nodeWarningFlags = ['--disable-warning=TimeoutNegativeWarning'];

/** How a developer machine runs an app: straight from TypeScript, no build step. */
export function appCommand(name: string): { command: string; args: string[] } {
  return {
    command: process.execPath,
    args: [
      ...nodeWarningFlags,
      '-r',
      '@swc-node/register',
      join(repoRoot, 'apps', name, 'src', 'main.ts'),
    ],
  };
}

export class AppProcess {
  private readonly pidFile: string;
  readonly logFile: string;

  constructor(
    readonly spec: AppSpec,
    private readonly env: Record<string, string>,
  ) {
    this.pidFile = join(runDir, `${spec.name}.pid`);
    this.logFile = join(logsDir, `${spec.name}.log`);
  }

  get url(): string {
    return `http://${host}:${this.spec.port}`;
  }

  pid(): number | undefined {
    return daemonPid(this.pidFile);
  }

  async start(timeoutMs = 90_000): Promise<void> {
    if (!this.pid()) {
      await assertPortFree(this.spec.port, this.spec.name);
      const { command, args } = appCommand(this.spec.name);
      startDaemon({
        name: this.spec.name,
        command,
        args,
        cwd: repoRoot,
        env: { ...process.env, ...this.env, HOST: host, PORT: String(this.spec.port) },
        logFile: this.logFile,
        pidFile: this.pidFile,
      });
    }
    await waitFor(() => this.isReady(), {
      what: `${this.spec.name} ready on ${this.url}/health/ready`,
      timeoutMs,
      abortIf: () => (this.pid() ? undefined : `it exited; see ${this.logFile}`),
    });
  }

  async isReady(): Promise<boolean> {
    const response = await fetch(`${this.url}/health/ready`, {
      signal: AbortSignal.timeout(3_000),
    });
    return response.status === 200;
  }

  async stop(): Promise<void> {
    await stopDaemon(this.spec.name, this.pidFile, { graceMs: 20_000 });
  }
}
