import { formatA1 } from '../a1/format-a1';
import { faults } from '../http/api-fault';
import { blockWidth, type InputBlock } from './input-values';
import { assertCellBudget, type Limits } from './limits';
import { resolveRange } from './resolve-range';
import { updateSummary, type UpdateValuesResponse } from './update-summary';
import { insertRows, writeBlock } from './write-block';
import { isEmpty, type SheetState, type SpreadsheetState } from './workbook';

export type InsertDataOption = 'INSERT_ROWS' | 'OVERWRITE';

export interface AppendValuesResponse {
  readonly spreadsheetId: string;
  /** The table found in the range before the append; absent when there was none. */
  readonly tableRange?: string;
  readonly updates: UpdateValuesResponse;
}

interface Window {
  readonly firstRow: number;
  readonly lastRow: number;
  readonly firstColumn: number;
  readonly lastColumn: number;
}

/**
 * spreadsheets.values.append: finds the table in the range (the rows from the first to the last
 * one holding a value in the range's columns) and writes the block below it, starting in the
 * range's first column. INSERT_ROWS inserts new rows for it (the grid grows by the block's
 * height); OVERWRITE writes over what is below. A single-cell range searches the whole sheet
 * from that cell, as Google does. Simplification: the table always starts in the range's first
 * column, and empty rows inside it do not split it.
 */
export function appendValues(
  spreadsheet: SpreadsheetState,
  rangeText: string,
  block: InputBlock,
  insertDataOption: InsertDataOption,
  limits: Limits,
): AppendValuesResponse {
  const { sheet, rect } = resolveRange(spreadsheet, rangeText);
  const singleCell = rect.startRow === rect.endRow && rect.startColumn === rect.endColumn;
  const window: Window = {
    firstRow: rect.startRow,
    lastRow: singleCell ? Infinity : (rect.endRow ?? Infinity),
    firstColumn: rect.startColumn,
    lastColumn: singleCell ? Infinity : (rect.endColumn ?? Infinity),
  };
  const table = findTable(sheet, window);
  const row = table ? table.endRow + 1 : rect.startRow;
  if (row > sheet.rowCount + 1) {
    throw faults.invalid(`Range (${rangeText}) exceeds grid limits. Max rows: ${sheet.rowCount}`);
  }
  const height = block.length;
  const rowCount =
    insertDataOption === 'INSERT_ROWS'
      ? sheet.rowCount + height
      : Math.max(sheet.rowCount, row + height - 1);
  const columnCount = Math.max(sheet.columnCount, rect.startColumn + blockWidth(block) - 1);
  assertCellBudget(
    spreadsheet,
    rowCount * columnCount - sheet.rowCount * sheet.columnCount,
    limits,
  );
  if (insertDataOption === 'INSERT_ROWS') insertRows(sheet, row, height);
  sheet.rowCount = rowCount;
  sheet.columnCount = columnCount;
  writeBlock(sheet, row, rect.startColumn, block);
  return {
    spreadsheetId: spreadsheet.spreadsheetId,
    ...(table ? { tableRange: formatA1(sheet.title, table) } : {}),
    updates: updateSummary(spreadsheet.spreadsheetId, sheet.title, row, rect.startColumn, block),
  };
}

function findTable(sheet: SheetState, window: Window) {
  let endRow = 0;
  for (let row = Math.min(sheet.rows.length, window.lastRow); row >= window.firstRow; row--) {
    if (lastValueColumn(sheet, row, window) > 0) {
      endRow = row;
      break;
    }
  }
  if (endRow === 0) return undefined;
  let startRow = endRow;
  let endColumn = window.firstColumn;
  for (let row = window.firstRow; row <= endRow; row++) {
    const last = lastValueColumn(sheet, row, window);
    if (last > 0) {
      startRow = Math.min(startRow, row);
      endColumn = Math.max(endColumn, last);
    }
  }
  return { startRow, endRow, startColumn: window.firstColumn, endColumn };
}

/** The last column in the window holding a value in this row, or 0. */
function lastValueColumn(sheet: SheetState, row: number, window: Window): number {
  const cells = sheet.rows[row - 1] ?? [];
  const last = Math.min(cells.length, window.lastColumn);
  for (let column = last; column >= window.firstColumn; column--) {
    if (!isEmpty(cells[column - 1])) return column;
  }
  return 0;
}
