/**
 * The Google Sheets operations the connector needs, and nothing else. Implementations convert
 * every failure into a SheetsConnectorError (see sheets-connector-error.ts) and never retry:
 * retries, backoff and quota budgeting belong to the caller.
 */
export interface SheetsClient {
  /** Title and tabs (ids, titles, grid sizes) of a spreadsheet. */
  getSpreadsheet(spreadsheetId: string): Promise<SpreadsheetInfo>;

  /** Rows `fromRow`..`toRow` (1-based, inclusive) of a tab; trailing empty rows are left out. */
  readRange(spreadsheetId: string, range: RowRange): Promise<SheetRow[]>;

  /**
   * The last `count` rows of a tab up to its last non-empty row, in sheet order: after a crash,
   * what an interrupted append may have written. Fewer when the tab holds fewer.
   */
  readTail(spreadsheetId: string, sheet: string, count: number): Promise<SheetRow[]>;

  /**
   * Appends rows below the tab's table as one request, inserting new rows (INSERT_ROWS) and
   * storing values as sent (RAW: a text starting with "=" stays text, never a formula).
   */
  append(
    spreadsheetId: string,
    sheet: string,
    rows: readonly (readonly CellValue[])[],
  ): Promise<AppendResult>;

  /** Writes row 1 of a tab (the column titles), leaving every other row alone. */
  writeHeader(spreadsheetId: string, sheet: string, titles: readonly string[]): Promise<void>;

  /** Adds a tab at the end; fails with `sheet_already_exists` when the title is taken. */
  addSheet(spreadsheetId: string, title: string, grid?: GridSize): Promise<SheetInfo>;
}

export type CellValue = string | number | boolean;

export interface GridSize {
  readonly rowCount: number;
  readonly columnCount: number;
}

export interface SheetInfo extends GridSize {
  readonly sheetId: number;
  readonly title: string;
  readonly index: number;
}

export interface SpreadsheetInfo {
  readonly spreadsheetId: string;
  readonly title: string;
  readonly sheets: readonly SheetInfo[];
}

export interface RowRange {
  readonly sheet: string;
  readonly fromRow: number;
  /** Inclusive. */
  readonly toRow: number;
}

export interface SheetRow {
  /** 1-based row number in the tab. */
  readonly rowNumber: number;
  /** Cells from column A, trailing empty cells left out; numbers and booleans as stored. */
  readonly values: readonly CellValue[];
}

export interface AppendResult {
  /** Where the rows landed, e.g. `'Responses'!A1042:F1141`. */
  readonly updatedRange: string;
  readonly firstRow: number;
  readonly lastRow: number;
  readonly updatedRows: number;
  readonly updatedCells: number;
}
