import { ApiFault } from '../http/api-fault';
import { SpreadsheetStore } from '../state/spreadsheet-store';
import { appendValues } from './append-values';
import { inputBlock } from './input-values';
import { GOOGLE_LIMITS, type Limits } from './limits';
import { readValues } from './read-values';
import { updateValues } from './update-values';
import { gridCells } from './workbook';

const raw = (values: unknown[][]) => inputBlock({ values }, 'RAW', GOOGLE_LIMITS.charactersPerCell);
const rows = { majorDimension: 'ROWS', valueRenderOption: 'UNFORMATTED_VALUE' } as const;

function spreadsheet() {
  return new SpreadsheetStore().create({ sheets: [{ title: 'Responses' }] }, new Date(0));
}

function faultOf(run: () => unknown): ApiFault {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiFault) return error;
    throw error;
  }
  throw new Error('expected an ApiFault');
}

describe('values.append with INSERT_ROWS', () => {
  it('writes below the table, reports where, and grows the grid by the rows inserted', () => {
    const s = spreadsheet();
    updateValues(s, 'Responses!1:1', raw([['responseId', 'answer']]), GOOGLE_LIMITS);
    const first = appendValues(
      s,
      "'Responses'!A1",
      raw([
        ['r1', 'a'],
        ['r2', 'b'],
      ]),
      'INSERT_ROWS',
      GOOGLE_LIMITS,
    );
    expect(first).toEqual({
      spreadsheetId: s.spreadsheetId,
      tableRange: 'Responses!A1:B1',
      updates: {
        spreadsheetId: s.spreadsheetId,
        updatedRange: 'Responses!A2:B3',
        updatedRows: 2,
        updatedColumns: 2,
        updatedCells: 4,
      },
    });
    const second = appendValues(
      s,
      'Responses!A1',
      raw([['r3', 'c']]),
      'INSERT_ROWS',
      GOOGLE_LIMITS,
    );
    expect(second.tableRange).toBe('Responses!A1:B3');
    expect(second.updates.updatedRange).toBe('Responses!A4:B4');
    expect(s.sheets[0]?.rowCount).toBe(1003);
    expect(readValues(s, 'Responses!A3:B', rows).values).toEqual([
      ['r2', 'b'],
      ['r3', 'c'],
    ]);
  });

  it('starts at the range’s first cell on an empty tab and reports no table', () => {
    const s = spreadsheet();
    const result = appendValues(s, 'Responses!A1', raw([['x']]), 'INSERT_ROWS', GOOGLE_LIMITS);
    expect(result.tableRange).toBeUndefined();
    expect(result.updates.updatedRange).toBe('Responses!A1');
  });

  it('stores RAW strings as text: "=1+1" stays "=1+1", "42" stays a string', () => {
    const s = spreadsheet();
    appendValues(s, 'Responses!A1', raw([['=1+1', '42', 42, true]]), 'INSERT_ROWS', GOOGLE_LIMITS);
    expect(readValues(s, 'Responses', rows).values).toEqual([['=1+1', '42', 42, true]]);
    expect(
      readValues(s, 'Responses', { ...rows, valueRenderOption: 'FORMATTED_VALUE' }).values,
    ).toEqual([['=1+1', '42', '42', 'TRUE']]);
  });

  it('refuses a write that would pass the spreadsheet’s cell limit, changing nothing', () => {
    const limits: Limits = { ...GOOGLE_LIMITS, cellsPerSpreadsheet: 26_000 + 26 * 2 };
    const s = spreadsheet();
    appendValues(s, 'Responses!A1', raw([['a'], ['b']]), 'INSERT_ROWS', limits);
    const fault = faultOf(() =>
      appendValues(s, 'Responses!A1', raw([['c']]), 'INSERT_ROWS', limits),
    );
    expect(fault.body().error).toEqual({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message:
        'This action would increase the number of cells in the workbook above the limit of 26052 cells.',
    });
    expect(gridCells(s)).toBe(26_052);
    expect(readValues(s, 'Responses', rows).values).toEqual([['a'], ['b']]);
  });

  it('refuses a cell longer than 50,000 characters with Google’s message', () => {
    const fault = faultOf(() => raw([['ok', 'x'.repeat(50_001)]]));
    expect(fault.message).toBe(
      'Invalid values[0][1]: Your input contains more than the maximum of 50000 characters in a single cell.',
    );
  });
});

describe('values.get', () => {
  it('clips an open range to the grid and leaves trailing empty rows and cells out', () => {
    const s = spreadsheet();
    updateValues(s, 'Responses!B2', raw([['x', null, ''], []]), GOOGLE_LIMITS);
    expect(readValues(s, 'Responses!A1:Z', rows)).toEqual({
      range: 'Responses!A1:Z1000',
      majorDimension: 'ROWS',
      values: [[], ['', 'x']],
    });
    expect(readValues(s, 'Responses!A5:B9', rows)).toEqual({
      range: 'Responses!A5:B9',
      majorDimension: 'ROWS',
    });
  });

  it('answers 400 for an unknown tab and for cells beyond the grid', () => {
    const s = spreadsheet();
    expect(faultOf(() => readValues(s, "'Nope'!A1", rows)).message).toBe(
      "Unable to parse range: 'Nope'!A1",
    );
    expect(faultOf(() => readValues(s, 'Responses!A1001', rows)).message).toContain(
      'exceeds grid limits',
    );
  });
});
