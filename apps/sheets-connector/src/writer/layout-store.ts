import type { ClientBase } from 'pg';
import { SheetsConnectorError } from '../sheets/sheets-connector-error';

/** What the connector remembers about one target tab (see migrations/0001_sheet_layouts.sql). */
export interface TargetState {
  readonly questionIds: readonly string[];
  /** The titles the current tab's header row holds; null before it was written. */
  readonly headerTitles: readonly string[] | null;
  readonly tabNumber: number;
  readonly tabLastRow: number;
  readonly note: string | null;
}

export const EMPTY_STATE: TargetState = {
  questionIds: [],
  headerTitles: null,
  tabNumber: 1,
  tabLastRow: 0,
  note: null,
};

export interface TargetKey {
  readonly spreadsheetId: string;
  readonly sheet: string;
}

/**
 * Reads and saves TargetState rows on one connection (the writer lock's: see spreadsheet-locks.ts),
 * each statement committed on its own; Postgres failures become retriable SheetsConnectorErrors.
 */
export class LayoutStore {
  constructor(private readonly db: ClientBase) {}

  async load(key: TargetKey): Promise<TargetState> {
    const { rows } = await this.query<{
      question_ids: string[];
      header_titles: string[] | null;
      tab_number: number;
      tab_last_row: number;
      note: string | null;
    }>(
      `SELECT question_ids, header_titles, tab_number, tab_last_row, note
         FROM sheets_connector_layouts WHERE spreadsheet_id = $1 AND sheet = $2`,
      [key.spreadsheetId, key.sheet],
    );
    const row = rows[0];
    if (!row) return EMPTY_STATE;
    return {
      questionIds: row.question_ids,
      headerTitles: row.header_titles,
      tabNumber: row.tab_number,
      tabLastRow: row.tab_last_row,
      note: row.note,
    };
  }

  async save(key: TargetKey, state: TargetState): Promise<void> {
    await this.query(
      `INSERT INTO sheets_connector_layouts
         (spreadsheet_id, sheet, question_ids, header_titles, tab_number, tab_last_row, note, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (spreadsheet_id, sheet) DO UPDATE SET
         question_ids = EXCLUDED.question_ids, header_titles = EXCLUDED.header_titles,
         tab_number = EXCLUDED.tab_number, tab_last_row = EXCLUDED.tab_last_row,
         note = EXCLUDED.note, updated_at = now()`,
      [
        key.spreadsheetId,
        key.sheet,
        state.questionIds,
        state.headerTitles,
        state.tabNumber,
        state.tabLastRow,
        state.note,
      ],
    );
  }

  private async query<R extends object>(sql: string, params: unknown[]) {
    try {
      return await this.db.query<R>(sql, params);
    } catch (error) {
      throw new SheetsConnectorError('unavailable', 'the layout store (Postgres) failed', {
        cause: error,
      });
    }
  }
}
