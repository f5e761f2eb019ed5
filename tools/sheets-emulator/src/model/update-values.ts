import { columnLetters } from '../a1/column-letters';
import { faults } from '../http/api-fault';
import { blockWidth, type InputBlock } from './input-values';
import { assertCellBudget, type Limits } from './limits';
import { resolveRange } from './resolve-range';
import { updateSummary, type UpdateValuesResponse } from './update-summary';
import { writeBlock } from './write-block';
import type { SpreadsheetState } from './workbook';

/**
 * spreadsheets.values.update: writes the block at the range's top-left cell, never outside a
 * closed range (a single cell is only an anchor, as at Google); the grid grows to hold it
 * (within the cell limit).
 */
export function updateValues(
  spreadsheet: SpreadsheetState,
  rangeText: string,
  block: InputBlock,
  limits: Limits,
): UpdateValuesResponse {
  const { sheet, rect } = resolveRange(spreadsheet, rangeText);
  const lastRow = rect.startRow + block.length - 1;
  const lastColumn = rect.startColumn + blockWidth(block) - 1;
  const anchor = rect.startRow === rect.endRow && rect.startColumn === rect.endColumn;
  if (!anchor && rect.endRow !== undefined && lastRow > rect.endRow) {
    throw faults.invalid(
      `Requested writing within range [${rangeText}], but tried writing to row [${lastRow}]`,
    );
  }
  if (!anchor && rect.endColumn !== undefined && lastColumn > rect.endColumn) {
    throw faults.invalid(
      `Requested writing within range [${rangeText}], but tried writing to column [${columnLetters(lastColumn)}]`,
    );
  }
  const rowCount = Math.max(sheet.rowCount, lastRow);
  const columnCount = Math.max(sheet.columnCount, lastColumn);
  assertCellBudget(
    spreadsheet,
    rowCount * columnCount - sheet.rowCount * sheet.columnCount,
    limits,
  );
  sheet.rowCount = rowCount;
  sheet.columnCount = columnCount;
  writeBlock(sheet, rect.startRow, rect.startColumn, block);
  return updateSummary(
    spreadsheet.spreadsheetId,
    sheet.title,
    rect.startRow,
    rect.startColumn,
    block,
  );
}
