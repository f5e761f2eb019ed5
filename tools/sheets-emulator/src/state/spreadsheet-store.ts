import { randomBytes } from 'node:crypto';
import {
  DEFAULT_COLUMN_COUNT,
  DEFAULT_ROW_COUNT,
  type SheetState,
  type SpreadsheetState,
} from '../model/workbook';

export interface NewSpreadsheet {
  readonly spreadsheetId?: string;
  readonly title?: string;
  readonly sheets?: readonly { title: string; rowCount?: number; columnCount?: number }[];
}

/** Every spreadsheet the emulator holds, by id. */
export class SpreadsheetStore {
  private readonly spreadsheets = new Map<string, SpreadsheetState>();

  get(spreadsheetId: string): SpreadsheetState | undefined {
    return this.spreadsheets.get(spreadsheetId);
  }

  list(): SpreadsheetState[] {
    return [...this.spreadsheets.values()];
  }

  /** A new spreadsheet; one tab "Sheet1" (id 0, 1000 × 26) unless tabs are given. */
  create(input: NewSpreadsheet, now: Date): SpreadsheetState {
    const spreadsheetId = input.spreadsheetId ?? randomBytes(33).toString('base64url');
    if (this.spreadsheets.has(spreadsheetId)) {
      throw new Error(`spreadsheet ${spreadsheetId} already exists`);
    }
    const tabs = input.sheets?.length ? input.sheets : [{ title: 'Sheet1' }];
    const sheets: SheetState[] = tabs.map((tab, index) => ({
      sheetId: index,
      title: tab.title,
      rowCount: tab.rowCount ?? DEFAULT_ROW_COUNT,
      columnCount: tab.columnCount ?? DEFAULT_COLUMN_COUNT,
      rows: [],
    }));
    const spreadsheet: SpreadsheetState = {
      spreadsheetId,
      title: input.title ?? 'Untitled spreadsheet',
      sheets,
      accessRevoked: false,
      createdAt: now.toISOString(),
    };
    this.spreadsheets.set(spreadsheetId, spreadsheet);
    return spreadsheet;
  }

  put(spreadsheet: SpreadsheetState): void {
    this.spreadsheets.set(spreadsheet.spreadsheetId, spreadsheet);
  }

  delete(spreadsheetId: string): boolean {
    return this.spreadsheets.delete(spreadsheetId);
  }

  clear(): void {
    this.spreadsheets.clear();
  }
}
