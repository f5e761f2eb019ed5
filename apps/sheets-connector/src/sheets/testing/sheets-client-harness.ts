import type { SheetsClient } from '../sheets-client';

/**
 * What a test needs besides the client to drive an adapter's backend into each state: an
 * emulator does all of it; a recorded or real API does what it can (see rule 13 in STYLE.md).
 */
export interface SheetsClientHarness {
  readonly client: SheetsClient;
  /** A new spreadsheet, shared with the client's account, with one empty tab "Sheet1". */
  newSpreadsheet(): Promise<string>;
  /** A client for the same backend with fresh credentials (no cached access token). */
  freshClient(): Promise<SheetsClient>;
  /** Requests the backend received so far, by every account. */
  requestCount(): Promise<number>;
  /** Access tokens the token endpoint granted so far. */
  tokensGranted(): Promise<number>;
  spendWriteQuota(options: { retryAfterSeconds?: number }): Promise<void>;
  failNextRequests(count: number, status: 500 | 503): Promise<void>;
  dropConnections(): Promise<void>;
  delayResponses(ms: number): Promise<void>;
  revokeAccess(spreadsheetId: string): Promise<void>;
  deleteSpreadsheet(spreadsheetId: string): Promise<void>;
  disableAccount(): Promise<void>;
  limitCellsPerSpreadsheet(cells: number): Promise<void>;
  /** Back to a healthy backend with room in every quota (after each test). */
  heal(): Promise<void>;
}
