import { sheets_v4 } from '@googleapis/sheets';
import type { GoogleAuth } from 'google-auth-library';
import { quotedSheet, rowsOf, rowsRange } from './a1-notation';
import { fromGoogleError } from './from-google-error';
import type {
  AppendResult,
  CellValue,
  GridSize,
  RowRange,
  SheetInfo,
  SheetRow,
  SheetsClient,
  SpreadsheetInfo,
} from './sheets-client';
import { SheetsConnectorError } from './sheets-connector-error';

export interface GoogleapisSheetsClientOptions {
  /** https://sheets.googleapis.com, or an emulator's root URL. */
  readonly rootUrl: string;
  readonly timeoutMs: number;
}

/** Empty grid rows a tab keeps below its data (a new tab has 1000): read past them in one go. */
const TAIL_SLACK_ROWS = 1000;

const SPREADSHEET_FIELDS =
  'spreadsheetId,properties.title,sheets.properties(sheetId,title,index,gridProperties(rowCount,columnCount))';

/** SheetsClient over the official googleapis client (sheets v4). */
export class GoogleapisSheetsClient implements SheetsClient {
  private readonly api: sheets_v4.Sheets;

  constructor(auth: GoogleAuth, options: GoogleapisSheetsClientOptions) {
    this.api = new sheets_v4.Sheets({
      auth,
      rootUrl: `${options.rootUrl.replace(/\/+$/, '')}/`,
      timeout: options.timeoutMs,
      retry: false,
    });
  }

  async getSpreadsheet(spreadsheetId: string): Promise<SpreadsheetInfo> {
    const { data } = await call(`reading spreadsheet ${spreadsheetId}`, () =>
      this.api.spreadsheets.get({
        spreadsheetId,
        includeGridData: false,
        fields: SPREADSHEET_FIELDS,
      }),
    );
    return {
      spreadsheetId: data.spreadsheetId ?? spreadsheetId,
      title: data.properties?.title ?? '',
      sheets: (data.sheets ?? []).map((sheet) => sheetInfo(sheet.properties)),
    };
  }

  async readRange(spreadsheetId: string, range: RowRange): Promise<SheetRow[]> {
    const a1 = rowsRange(range.sheet, range.fromRow, range.toRow);
    const { data } = await call(`reading ${a1}`, () =>
      this.api.spreadsheets.values.get({
        spreadsheetId,
        range: a1,
        majorDimension: 'ROWS',
        valueRenderOption: 'UNFORMATTED_VALUE',
      }),
    );
    const firstRow = data.range ? rowsOf(data.range)?.firstRow : range.fromRow;
    if (firstRow === undefined) throw unexpected(`reading ${a1}`, `a range "${data.range}"`);
    return ((data.values ?? []) as CellValue[][]).map((values, index) => ({
      rowNumber: firstRow + index,
      values,
    }));
  }

  async readTail(spreadsheetId: string, sheet: string, count: number): Promise<SheetRow[]> {
    const { rowCount } = await this.sheetNamed(spreadsheetId, sheet);
    for (let window = count + TAIL_SLACK_ROWS; ; window *= 4) {
      const fromRow = Math.max(1, rowCount - window + 1);
      const rows = await this.readRange(spreadsheetId, { sheet, fromRow, toRow: rowCount });
      const last = rows[rows.length - 1];
      if (!last) {
        if (fromRow === 1) return [];
        continue;
      }
      const tailStart = Math.max(1, last.rowNumber - count + 1);
      if (tailStart >= fromRow) return rows.filter((row) => row.rowNumber >= tailStart);
      const earlier = await this.readRange(spreadsheetId, {
        sheet,
        fromRow: tailStart,
        toRow: fromRow - 1,
      });
      return [...earlier, ...rows];
    }
  }

  async append(
    spreadsheetId: string,
    sheet: string,
    rows: readonly (readonly CellValue[])[],
  ): Promise<AppendResult> {
    const range = `${quotedSheet(sheet)}!A1`;
    if (rows.length === 0) {
      throw new SheetsConnectorError('invalid_request', `appending to ${range}: no rows to append`);
    }
    const { data } = await call(`appending ${rows.length} rows to ${range}`, () =>
      this.api.spreadsheets.values.append({
        spreadsheetId,
        range,
        valueInputOption: 'RAW',
        insertDataOption: 'INSERT_ROWS',
        requestBody: { majorDimension: 'ROWS', values: rows as CellValue[][] },
      }),
    );
    const updatedRange = data.updates?.updatedRange ?? '';
    const landed = rowsOf(updatedRange);
    if (!landed) throw unexpected(`appending to ${range}`, `an updatedRange "${updatedRange}"`);
    return {
      updatedRange,
      ...landed,
      updatedRows: data.updates?.updatedRows ?? 0,
      updatedCells: data.updates?.updatedCells ?? 0,
    };
  }

  async writeHeader(
    spreadsheetId: string,
    sheet: string,
    titles: readonly string[],
  ): Promise<void> {
    const range = rowsRange(sheet, 1, 1);
    await call(`writing the header of ${range}`, () =>
      this.api.spreadsheets.values.update({
        spreadsheetId,
        range,
        valueInputOption: 'RAW',
        requestBody: { majorDimension: 'ROWS', values: [[...titles]] },
      }),
    );
  }

  async addSheet(spreadsheetId: string, title: string, grid?: GridSize): Promise<SheetInfo> {
    const { data } = await call(`adding tab "${title}"`, () =>
      this.api.spreadsheets.batchUpdate({
        spreadsheetId,
        requestBody: {
          requests: [
            { addSheet: { properties: { title, ...(grid ? { gridProperties: grid } : {}) } } },
          ],
        },
      }),
    );
    return sheetInfo(data.replies?.[0]?.addSheet?.properties);
  }

  private async sheetNamed(spreadsheetId: string, title: string): Promise<SheetInfo> {
    const spreadsheet = await this.getSpreadsheet(spreadsheetId);
    const wanted = title.toLowerCase();
    const sheet = spreadsheet.sheets.find((candidate) => candidate.title.toLowerCase() === wanted);
    if (!sheet) {
      throw new SheetsConnectorError(
        'sheet_not_found',
        `spreadsheet ${spreadsheetId} has no tab "${title}"`,
      );
    }
    return sheet;
  }
}

async function call<T>(doing: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw fromGoogleError(error, doing);
  }
}

function sheetInfo(properties: sheets_v4.Schema$SheetProperties | undefined): SheetInfo {
  if (properties?.sheetId === undefined || properties.sheetId === null || !properties.title) {
    throw unexpected('reading tab properties', 'a tab without id or title');
  }
  return {
    sheetId: properties.sheetId,
    title: properties.title,
    index: properties.index ?? 0,
    rowCount: properties.gridProperties?.rowCount ?? 0,
    columnCount: properties.gridProperties?.columnCount ?? 0,
  };
}

function unexpected(doing: string, what: string): SheetsConnectorError {
  return new SheetsConnectorError('unexpected_response', `${doing}: Google answered with ${what}`);
}
