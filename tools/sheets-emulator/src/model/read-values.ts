import { columnLetters } from '../a1/column-letters';
import { formatA1, quoteSheetTitle } from '../a1/format-a1';
import { faults } from '../http/api-fault';
import { resolveRange } from './resolve-range';
import { isEmpty, type Cell, type CellValue, type SpreadsheetState } from './workbook';

export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
export type MajorDimension = 'ROWS' | 'COLUMNS';

/** The ValueRange resource: `values` is left out when the range holds nothing, as Google does. */
export interface ValueRange {
  readonly range: string;
  readonly majorDimension: MajorDimension;
  readonly values?: CellValue[][];
}

export interface ReadOptions {
  readonly majorDimension: MajorDimension;
  readonly valueRenderOption: ValueRenderOption;
}

/**
 * spreadsheets.values.get: the range is clipped to the grid and reported back closed
 * (`Sheet1!A1:C` → `Sheet1!A1:C1000`); trailing empty rows and cells are left out.
 */
export function readValues(
  spreadsheet: SpreadsheetState,
  rangeText: string,
  options: ReadOptions,
): ValueRange {
  const { sheet, rect } = resolveRange(spreadsheet, rangeText);
  if (rect.startRow > sheet.rowCount || rect.startColumn > sheet.columnCount) {
    const start = `${columnLetters(rect.startColumn)}${rect.startRow}`;
    throw faults.invalid(
      `Range (${quoteSheetTitle(sheet.title)}!${start}) exceeds grid limits. Max rows: ${sheet.rowCount}, max columns: ${sheet.columnCount}`,
    );
  }
  const endRow = Math.min(rect.endRow ?? sheet.rowCount, sheet.rowCount);
  const endColumn = Math.min(rect.endColumn ?? sheet.columnCount, sheet.columnCount);
  const range = formatA1(sheet.title, { ...rect, endRow, endColumn });
  const rows: CellValue[][] = [];
  const lastStored = Math.min(endRow, sheet.rows.length);
  for (let row = rect.startRow; row <= lastStored; row++) {
    const cells = (sheet.rows[row - 1] ?? []).slice(rect.startColumn - 1, endColumn);
    rows.push(renderRow(cells, options.valueRenderOption));
  }
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  const values = options.majorDimension === 'COLUMNS' ? transpose(rows) : rows;
  return {
    range,
    majorDimension: options.majorDimension,
    ...(values.length > 0 ? { values } : {}),
  };
}

function renderRow(cells: readonly Cell[], option: ValueRenderOption): CellValue[] {
  let end = cells.length;
  while (end > 0 && isEmpty(cells[end - 1])) end--;
  const rendered: CellValue[] = [];
  for (let index = 0; index < end; index++) rendered.push(render(cells[index] ?? null, option));
  return rendered;
}

function render(cell: Cell, option: ValueRenderOption): CellValue {
  if (cell === null) return '';
  if (option !== 'FORMATTED_VALUE') return cell;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return String(cell);
}

/** Rendered rows as columns; short rows count as empty cells, trailing empties are dropped. */
function transpose(rows: readonly (readonly CellValue[])[]): CellValue[][] {
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  return Array.from({ length: width }, (_, column) => {
    const values = rows.map((row) => row[column] ?? '');
    while (values.length > 0 && values[values.length - 1] === '') values.pop();
    return values;
  });
}
