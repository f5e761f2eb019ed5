import { runMigrations } from '@collect/database';
import type { ResponseSubmitted } from '@collect/events';
import { Pool } from 'pg';
import { postgresConnection, stackEnv } from '../../../../test/support/stack-env';
import type { SheetsEmulatorControl } from '../../../../tools/sheets-emulator/src/control-client';
import { newForm, responsesOf } from '../../../test-connector/src/testing/responses';
import type { SheetTargetConfig } from '../connector/sheet-target-config';
import { EmulatorHarness } from '../sheets/testing/emulator-harness';
import { sheetsMigrations } from '../testing/sheets-harness';
import { SheetWriter, type WriteResult } from './sheet-writer';
import { SPREADSHEET_LOCK_CLASS, SpreadsheetLocks } from './spreadsheet-locks';

jest.setTimeout(60_000);

let emulator: EmulatorHarness;
let control: SheetsEmulatorControl;
const pools: Pool[] = [];

function newPool(): Pool {
  const pool = new Pool({ ...postgresConnection(stackEnv()), max: 3 });
  pool.on('error', () => undefined);
  pools.push(pool);
  return pool;
}

/** A writer as one replica has it: its own Postgres pool, its own in-process mutex. */
function replica(waitMs = 10_000): SheetWriter {
  return new SheetWriter(emulator.client, new SpreadsheetLocks(newPool(), { waitMs }), {
    tabCellLimit: 10_000_000,
  });
}

/** Writes like the runtime calls: again with what is left while the writer continues later. */
async function writeAll(
  writer: SheetWriter,
  config: SheetTargetConfig,
  responses: readonly ResponseSubmitted[],
): Promise<void> {
  let left = responses;
  for (let call = 0; call < 10 && left.length > 0; call++) {
    const result: WriteResult = await writer.write(config, left);
    if (result.stoppedBy) throw result.stoppedBy;
    left = left.filter((r) => !result.appended.includes(r.responseId));
  }
  expect(left).toEqual([]);
}

beforeAll(async () => {
  emulator = await EmulatorHarness.start();
  control = emulator.control;
  await runMigrations(newPool(), {
    directory: sheetsMigrations,
    table: 'sheets_connector_schema_migrations',
  });
});
afterAll(async () => {
  await emulator.stop();
  await Promise.all(pools.map((pool) => pool.end()));
});

describe('one writer per spreadsheet across replicas', () => {
  it('never lets two replicas’ writes to one spreadsheet overlap, and writes every row exactly once', async () => {
    await control.setFaults({ latencyMs: 15 });
    const spreadsheetId = await emulator.newSpreadsheet();
    const [a, b] = [replica(), replica()];
    const forms = [newForm(), newForm()];
    const batches = forms.map((form) => Array.from({ length: 8 }, () => responsesOf(form, 5)));
    // Two integrations (two forms) on two replicas, one tab each in the same spreadsheet.
    await Promise.all(
      [a, b].map(async (writer, i) => {
        for (const batch of batches[i]!) {
          await writeAll(writer, { spreadsheetId, sheet: `Form ${i + 1}` }, batch);
        }
      }),
    );
    await control.setFaults({ latencyMs: 0 });

    const dump = await control.spreadsheet(spreadsheetId);
    for (const [i, form] of batches.entries()) {
      const ids = (dump.values[`Form ${i + 1}`] ?? []).slice(1).map((row) => row[0]);
      expect(ids).toEqual(form.flat().map((r) => r.responseId));
    }
    const writes = await control.writes(spreadsheetId);
    // addSheet, header and 8 appends per tab at least.
    expect(writes.spans.filter((s) => s.operation === 'values.append')).toHaveLength(16);
    expect(writes.spans.length).toBeGreaterThanOrEqual(20);
    expect(writes).toMatchObject({ overlapping: 0, maxConcurrent: 1 });
  });

  it('answers spreadsheet_busy (retriable, nothing sent) when another replica holds the spreadsheet past the wait, and writes once it lets go', async () => {
    const spreadsheetId = await emulator.newSpreadsheet();
    const config = { spreadsheetId, sheet: 'Responses' };
    const holder = await newPool().connect();
    await holder.query('SELECT pg_advisory_lock($1, hashtext($2))', [
      SPREADSHEET_LOCK_CLASS,
      spreadsheetId,
    ]);
    const writer = replica(300);
    const responses = responsesOf(newForm(), 3);
    try {
      const busy = await writer.write(config, responses);
      expect(busy.appended).toEqual([]);
      expect(busy.stoppedBy).toMatchObject({ code: 'spreadsheet_busy', retriable: true });
      expect(busy.ambiguous).toBeFalsy();
      expect((await control.writes(spreadsheetId)).spans).toHaveLength(0);
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1, hashtext($2))', [
        SPREADSHEET_LOCK_CLASS,
        spreadsheetId,
      ]);
      holder.release();
    }
    await writeAll(writer, config, responses);
    const rows = (await control.spreadsheet(spreadsheetId)).values.Responses ?? [];
    expect(rows.slice(1).map((row) => row[0])).toEqual(responses.map((r) => r.responseId));
  });
});
