import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SheetsEmulatorControl } from '../../../../../tools/sheets-emulator/src/control-client';
import {
  startSheetsEmulator,
  type RunningSheetsEmulator,
} from '../../../../../tools/sheets-emulator/src/server';
import { emulatorServiceAccountKey } from '../../../../../tools/sheets-emulator/src/service-account-key';
import { createGoogleAuth } from '../google-auth';
import { GoogleapisSheetsClient } from '../googleapis-sheets-client';
import type { SheetsClient } from '../sheets-client';
import type { SheetsClientHarness } from './sheets-client-contract';

/** Quotas high enough that only tests about quotas meet them. */
const ROOMY_QUOTAS = {
  writesPerMinutePerUser: 100_000,
  writesPerMinutePerProject: 100_000,
  readsPerMinutePerUser: 100_000,
  readsPerMinutePerProject: 100_000,
  retryAfterSeconds: null,
};

export const CONTRACT_TIMEOUT_MS = 2_000;

/** The googleapis adapter against an in-process emulator on a free port, through a real key file. */
export class EmulatorHarness implements SheetsClientHarness {
  private constructor(
    private readonly emulator: RunningSheetsEmulator,
    /** The emulator's control API, for what the contract does not cover. */
    readonly control: SheetsEmulatorControl,
    private readonly keyFile: string,
    private readonly account: string,
    public client: SheetsClient,
  ) {}

  static async start(): Promise<EmulatorHarness> {
    const emulator = await startSheetsEmulator();
    const control = new SheetsEmulatorControl(emulator.url);
    await control.setQuotas(ROOMY_QUOTAS);
    const key = emulatorServiceAccountKey({
      tokenUri: `${emulator.url}/token`,
      project: 'contract-tests',
    });
    const keyFile = join(mkdtempSync(join(tmpdir(), 'sheets-contract-')), 'key.json');
    writeFileSync(keyFile, JSON.stringify(key));
    const client = await clientFor(emulator.url, keyFile);
    return new EmulatorHarness(emulator, control, keyFile, key.client_email, client);
  }

  async newSpreadsheet(): Promise<string> {
    return (await this.control.createSpreadsheet({ title: 'contract' })).spreadsheetId;
  }

  freshClient(): Promise<SheetsClient> {
    return clientFor(this.emulator.url, this.keyFile);
  }

  async requestCount(): Promise<number> {
    return (await this.control.stats()).totals.requests;
  }

  async tokensGranted(): Promise<number> {
    return (await this.control.stats()).tokens.granted;
  }

  async spendWriteQuota(options: { retryAfterSeconds?: number }): Promise<void> {
    await this.control.setQuotas({
      writesPerMinutePerUser: 0,
      retryAfterSeconds: options.retryAfterSeconds ?? null,
    });
  }

  async failNextRequests(count: number, status: 500 | 503): Promise<void> {
    await this.control.setFaults({ failNext: count, errorStatus: status });
  }

  async dropConnections(): Promise<void> {
    await this.control.setFaults({ outage: 'reset' });
  }

  async delayResponses(ms: number): Promise<void> {
    await this.control.setFaults({ latencyMs: ms });
  }

  async revokeAccess(spreadsheetId: string): Promise<void> {
    await this.control.setAccess(spreadsheetId, true);
  }

  async deleteSpreadsheet(spreadsheetId: string): Promise<void> {
    await this.control.deleteSpreadsheet(spreadsheetId);
  }

  async disableAccount(): Promise<void> {
    await this.control.setAccountDisabled(this.account, true);
  }

  async limitCellsPerSpreadsheet(cells: number): Promise<void> {
    await this.control.setLimits({ cellsPerSpreadsheet: cells });
  }

  async heal(): Promise<void> {
    await this.control.setFaults({ outage: 'off', latencyMs: 0, failNext: 0, errorRate: 0 });
    await this.control.setQuotas(ROOMY_QUOTAS);
    await this.control.setLimits({ cellsPerSpreadsheet: 10_000_000 });
    await this.control.setAccountDisabled(this.account, false);
  }

  async stop(): Promise<void> {
    await this.emulator.close();
    rmSync(this.keyFile, { force: true });
  }
}

async function clientFor(rootUrl: string, keyFile: string): Promise<SheetsClient> {
  const auth = await createGoogleAuth({ credentialsFile: keyFile, timeoutMs: CONTRACT_TIMEOUT_MS });
  return new GoogleapisSheetsClient(auth, { rootUrl, timeoutMs: CONTRACT_TIMEOUT_MS });
}
