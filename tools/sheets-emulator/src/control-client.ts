import type { SpreadsheetResource } from './model/describe';
import type { Limits } from './model/limits';
import type { Cell } from './model/workbook';
import type { QuotaSettings } from './quotas/quota-policy';
import type { FaultSettings } from './state/faults';
import type { NewSpreadsheet } from './state/spreadsheet-store';
import type { StatsSnapshot } from './state/stats';
import type { WriteLog } from './state/write-spans';

export interface SpreadsheetDump extends SpreadsheetResource {
  readonly accessRevoked: boolean;
  /** Every tab's stored rows by title; row i is sheet row i+1, null an empty cell. */
  readonly values: Readonly<Record<string, Cell[][]>>;
}

type QuotaChange = Partial<Omit<QuotaSettings, 'retryAfterSeconds'>> & {
  retryAfterSeconds?: number | null;
};

/** Typed access to an emulator's /_control API, in-process or over the network. */
export class SheetsEmulatorControl {
  constructor(readonly url: string) {}

  reset(): Promise<unknown> {
    return this.call('POST', '/_control/reset');
  }

  setQuotas(quotas: QuotaChange): Promise<QuotaSettings> {
    return this.call('PUT', '/_control/quotas', quotas);
  }

  setLimits(limits: Partial<Limits>): Promise<Limits> {
    return this.call('PUT', '/_control/limits', limits);
  }

  setFaults(faults: Partial<FaultSettings>): Promise<FaultSettings> {
    return this.call('PUT', '/_control/faults', faults);
  }

  stats(): Promise<StatsSnapshot> {
    return this.call('GET', '/_control/stats');
  }

  createSpreadsheet(input: NewSpreadsheet = {}): Promise<SpreadsheetResource> {
    return this.call('POST', '/_control/spreadsheets', input);
  }

  spreadsheet(spreadsheetId: string): Promise<SpreadsheetDump> {
    return this.call('GET', `/_control/spreadsheets/${encodeURIComponent(spreadsheetId)}`);
  }

  /** Start and end of each write request to the spreadsheet, and how many overlapped another. */
  writes(spreadsheetId: string): Promise<WriteLog> {
    return this.call('GET', `/_control/spreadsheets/${encodeURIComponent(spreadsheetId)}/writes`);
  }

  deleteSpreadsheet(spreadsheetId: string): Promise<unknown> {
    return this.call('DELETE', `/_control/spreadsheets/${encodeURIComponent(spreadsheetId)}`);
  }

  setAccess(spreadsheetId: string, revoked: boolean): Promise<unknown> {
    return this.call('PUT', `/_control/spreadsheets/${encodeURIComponent(spreadsheetId)}/access`, {
      revoked,
    });
  }

  setAccountDisabled(email: string, disabled: boolean): Promise<unknown> {
    return this.call('PUT', `/_control/service-accounts/${encodeURIComponent(email)}`, {
      disabled,
    });
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }
}
