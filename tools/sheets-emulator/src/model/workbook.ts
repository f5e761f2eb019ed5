/** What a cell holds: RAW input is stored exactly as sent (a string starting with "=" stays text). */
export type CellValue = string | number | boolean;
export type Cell = CellValue | null;

/**
 * One tab. `rows[i]` is row i+1; rows past the last written one are not stored, so `rows.length`
 * may be far below `rowCount` (the grid size, which is what counts toward the cell limit).
 */
export interface SheetState {
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
  rows: Cell[][];
}

export interface SpreadsheetState {
  readonly spreadsheetId: string;
  title: string;
  /** In tab order: a sheet's index is its position here. */
  sheets: SheetState[];
  /** When true every API call on it answers 403, as after the owner stops sharing it. */
  accessRevoked: boolean;
  readonly createdAt: string;
}

/** Google's defaults for a new tab. */
export const DEFAULT_ROW_COUNT = 1000;
export const DEFAULT_COLUMN_COUNT = 26;

export function gridCells(spreadsheet: SpreadsheetState): number {
  return spreadsheet.sheets.reduce((sum, sheet) => sum + sheet.rowCount * sheet.columnCount, 0);
}

export function isEmpty(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || cell === '';
}

/** The row's cells without trailing empties. */
export function trimRow(row: readonly Cell[]): Cell[] {
  let end = row.length;
  while (end > 0 && isEmpty(row[end - 1])) end--;
  return row.slice(0, end);
}
