import { join } from 'node:path';
import { ensureServiceAccountKeyFile } from '../../sheets-emulator/src/service-account-key';
import { nodeWarningFlags } from './apps';
import { host, repoRoot } from './layout';
import { daemonPid, startDaemon, stopDaemon } from './processes';
import { assertPortFree } from './ports';
import { waitFor } from './wait';

export interface SheetsEmulatorOptions {
  dir: string;
  port: number;
  logFile: string;
}

/**
 * The Google Sheets API emulator (tools/sheets-emulator) as a daemon, with a service-account
 * key file whose token_uri points at it: the sheets-connector uses both when no Google
 * credentials are configured. Spreadsheets survive restarts in its state file.
 */
export class SheetsEmulatorInstance {
  private readonly pidFile: string;
  readonly keyFile: string;
  readonly stateFile: string;

  constructor(readonly options: SheetsEmulatorOptions) {
    this.pidFile = join(options.dir, 'sheets-emulator.pid');
    this.keyFile = join(options.dir, 'service-account.json');
    this.stateFile = join(options.dir, 'state.json');
  }

  get url(): string {
    return `http://${host}:${this.options.port}`;
  }

  /** What the sheets-connector needs to use this emulator instead of Google. */
  env(): Record<string, string> {
    return { SHEETS_API_ROOT_URL: this.url, SHEETS_CREDENTIALS_FILE: this.keyFile };
  }

  pid(): number | undefined {
    return daemonPid(this.pidFile);
  }

  async start(timeoutMs = 30_000): Promise<void> {
    ensureServiceAccountKeyFile(this.keyFile, `${this.url}/token`);
    if (!this.pid()) {
      await assertPortFree(this.options.port, 'the Sheets emulator');
      startDaemon({
        name: 'sheets-emulator',
        command: process.execPath,
        args: [
          ...nodeWarningFlags,
          '-r',
          '@swc-node/register',
          join(repoRoot, 'tools/sheets-emulator/src/main.ts'),
        ],
        cwd: repoRoot,
        env: {
          ...process.env,
          SHEETS_EMULATOR_HOST: host,
          SHEETS_EMULATOR_PORT: String(this.options.port),
          SHEETS_EMULATOR_STATE_FILE: this.stateFile,
        },
        logFile: this.options.logFile,
        pidFile: this.pidFile,
      });
    }
    await waitFor(() => this.isReady(), {
      what: `Sheets emulator on ${this.url}`,
      timeoutMs,
      abortIf: () => (this.pid() ? undefined : `it exited; see ${this.options.logFile}`),
    });
  }

  async isReady(): Promise<boolean> {
    const response = await fetch(`${this.url}/_control/health`, {
      signal: AbortSignal.timeout(2_000),
    });
    return response.ok;
  }

  async stop(): Promise<void> {
    await stopDaemon('sheets-emulator', this.pidFile, { graceMs: 10_000 });
  }
}

/**
 * Real Google credentials for the sheets-connector in the stack's environment: then the stack
 * neither starts the emulator nor points the connector at it. The emulator's own key file
 * (exported by `eval "$(./dev env)"`, or by the test setup) does not count.
 */
export function googleCredentialsConfigured(
  emulatorKeyFile: string,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const keyFile = env.SHEETS_CREDENTIALS_FILE;
  return Boolean((keyFile && keyFile !== emulatorKeyFile) || env.GOOGLE_APPLICATION_CREDENTIALS);
}
