import type { SheetState, SpreadsheetState } from './workbook';

/** The Sheet properties resource as Google returns it. */
export interface SheetProperties {
  readonly sheetId: number;
  readonly title: string;
  readonly index: number;
  readonly sheetType: 'GRID';
  readonly gridProperties: { readonly rowCount: number; readonly columnCount: number };
}

export interface SpreadsheetResource {
  readonly spreadsheetId: string;
  readonly properties: {
    readonly title: string;
    readonly locale: string;
    readonly autoRecalc: string;
    readonly timeZone: string;
  };
  readonly sheets: readonly { readonly properties: SheetProperties }[];
  readonly spreadsheetUrl: string;
}

export function sheetProperties(spreadsheet: SpreadsheetState, sheet: SheetState): SheetProperties {
  return {
    sheetId: sheet.sheetId,
    title: sheet.title,
    index: spreadsheet.sheets.indexOf(sheet),
    sheetType: 'GRID',
    gridProperties: { rowCount: sheet.rowCount, columnCount: sheet.columnCount },
  };
}

/** spreadsheets.get without grid data; `spreadsheetUrl` points at the emulator's HTML view. */
export function describeSpreadsheet(
  spreadsheet: SpreadsheetState,
  baseUrl: string,
): SpreadsheetResource {
  return {
    spreadsheetId: spreadsheet.spreadsheetId,
    properties: {
      title: spreadsheet.title,
      locale: 'en_US',
      autoRecalc: 'ON_CHANGE',
      timeZone: 'Etc/GMT',
    },
    sheets: spreadsheet.sheets.map((sheet) => ({
      properties: sheetProperties(spreadsheet, sheet),
    })),
    spreadsheetUrl: `${baseUrl}/spreadsheets/${encodeURIComponent(spreadsheet.spreadsheetId)}`,
  };
}
