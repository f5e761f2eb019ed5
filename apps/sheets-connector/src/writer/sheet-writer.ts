import type { ResponseSubmitted } from '@collect/events';
import type { SheetTargetConfig } from '../connector/sheet-target-config';
import type { CellValue, SheetsClient } from '../sheets/sheets-client';
import { SheetsConnectorError } from '../sheets/sheets-connector-error';
import { appendChunks } from './append-chunks';
import { columnCount, extendLayout, headerOf, rowOf } from './column-layout';
import type { LayoutStore, TargetKey, TargetState } from './layout-store';
import type { SpreadsheetLocks } from './spreadsheet-locks';
import { tabTitle, wouldPassCellLimit } from './tab-names';

/** How far a write got: the responses appended (in order) and, if it stopped, why. */
export interface WriteResult {
  readonly appended: readonly string[];
  /** Set when it stopped early; responses after `appended` were not (or perhaps not) written. */
  readonly stoppedBy?: SheetsConnectorError;
  /** True when the stopping request may have landed (network failure, timeout). */
  readonly ambiguous?: boolean;
  /**
   * Set when this call spent its one write request on something else (adding the tab, the
   * header, an earlier chunk): the rest are written by the next call, within the quota.
   */
  readonly continuesLater?: string;
  /** Set when this call rolled over to a new tab: what the integration's status should say. */
  readonly note?: string;
}

/** One write: the section's layout store (on the lock's connection), the target, its form's titles. */
interface WriteCall {
  readonly store: LayoutStore;
  readonly config: SheetTargetConfig;
  readonly formTitles: ReadonlyMap<string, string>;
}

export interface SheetWriterOptions {
  /** Cells a tab may reach before the writer continues in the next tab (10,000,000 at Google). */
  readonly tabCellLimit: number;
  readonly maxAppendBytes?: number;
  readonly onNote?: (key: TargetKey, note: string) => void;
}

/**
 * Appends responses as rows to one target tab: keeps the column layout (durable in the layout
 * store, saved before the header row changes), writes the header when columns are added, rolls
 * over to `<sheet> (n)` before the cell limit, appends many rows per request (RAW, INSERT_ROWS),
 * one writer per spreadsheet at a time across every replica (SpreadsheetLocks).
 */
export class SheetWriter {
  constructor(
    private readonly client: SheetsClient,
    private readonly locks: SpreadsheetLocks,
    private readonly options: SheetWriterOptions,
  ) {}

  /** `formTitles`: the form's current question titles (configured column titles win). */
  async write(
    config: SheetTargetConfig,
    responses: readonly ResponseSubmitted[],
    formTitles: ReadonlyMap<string, string> = new Map(),
  ): Promise<WriteResult> {
    try {
      return await this.locks.run(config.spreadsheetId, (store) =>
        this.writeLocked({ store, config, formTitles }, responses),
      );
    } catch (error) {
      // Only the lock's own failures get here (nothing was sent): retriable, never ambiguous.
      if (error instanceof SheetsConnectorError && error.retriable) {
        return { appended: [], stoppedBy: error };
      }
      throw error;
    }
  }

  /** The responseIds among `candidates` found in the last rows of the target's current (and previous) tab. */
  recognise(config: SheetTargetConfig, candidates: readonly string[]): Promise<string[]> {
    return this.locks.run(config.spreadsheetId, async (store) => {
      const state = await store.load(keyOf(config));
      const wanted = new Set(candidates);
      const found = new Set<string>();
      const count = Math.min(candidates.length * 2 + 200, 5_000);
      for (const tab of [state.tabNumber, state.tabNumber - 1].filter((n) => n >= 1)) {
        const rows = await this.readTailIfAny(
          config.spreadsheetId,
          tabTitle(config.sheet, tab),
          count,
        );
        for (const row of rows) {
          const id = row.values[0];
          if (typeof id === 'string' && wanted.has(id)) found.add(id);
        }
      }
      return candidates.filter((id) => found.has(id));
    });
  }

  private async writeLocked(
    call: WriteCall,
    responses: readonly ResponseSubmitted[],
  ): Promise<WriteResult> {
    let note: string | undefined;
    const result = await this.writeOnce(call, responses, (text) => (note = text));
    return note === undefined ? result : { ...result, note };
  }

  private async writeOnce(
    call: WriteCall,
    responses: readonly ResponseSubmitted[],
    noted: (note: string) => void,
  ): Promise<WriteResult> {
    const { store, config } = call;
    const key = keyOf(config);
    let state = await store.load(key);
    const layout = extendLayout(state, config, responses);
    const columns = columnCount(layout);
    if (
      state.tabLastRow > 0 &&
      wouldPassCellLimit(state.tabLastRow, responses.length, columns, this.options.tabCellLimit)
    ) {
      state = this.rolledOver(key, state, noted);
    }
    state = { ...state, questionIds: layout.questionIds };
    await store.save(key, state);
    const tab = tabTitle(config.sheet, state.tabNumber);
    try {
      const setUp = await this.prepareTab(call, key, tab, state);
      if (setUp) return { appended: [], continuesLater: setUp };
    } catch (error) {
      return { appended: [], stoppedBy: asSheetsError(error) };
    }
    const items = responses.map((response) => ({ response, row: rowOf(layout, response) }));
    const [chunk, ...rest] = appendChunks(items, this.options.maxAppendBytes);
    if (!chunk) return { appended: [] };
    try {
      const rows: CellValue[][] = chunk.map((item) => item.row);
      const result = await this.client.append(config.spreadsheetId, tab, rows);
      state = { ...state, tabLastRow: Math.max(state.tabLastRow, result.lastRow) };
    } catch (error) {
      const stoppedBy = asSheetsError(error);
      if (stoppedBy.code === 'cell_limit_exceeded') state = this.rolledOver(key, state, noted);
      await saveQuietly(store, key, state);
      const ambiguous = stoppedBy.code === 'network' || stoppedBy.code === 'timeout';
      return { appended: [], stoppedBy, ambiguous };
    }
    await saveQuietly(store, key, state);
    const appended = chunk.map((item) => item.response.responseId);
    return rest.length > 0
      ? { appended, continuesLater: 'more rows than one request holds' }
      : { appended };
  }

  /**
   * Spends this call's write request on the tab when it needs one: adding it when missing, else
   * writing its header when the titles changed. Answers what it did, or undefined when the tab
   * is ready for rows.
   */
  private async prepareTab(
    { store, config, formTitles }: WriteCall,
    key: TargetKey,
    tab: string,
    state: TargetState,
  ): Promise<string | undefined> {
    const titles = headerOf(state, config, formTitles, state.headerTitles);
    if (state.headerTitles && sameTitles(state.headerTitles, titles)) return undefined;
    if (
      !state.headerTitles &&
      (await this.addTabIfMissing(config.spreadsheetId, tab, titles.length))
    ) {
      return `added tab "${tab}"`;
    }
    await this.client.writeHeader(config.spreadsheetId, tab, titles);
    await store.save(key, {
      ...state,
      headerTitles: titles,
      tabLastRow: Math.max(state.tabLastRow, 1),
    });
    return `wrote the header of "${tab}"`;
  }

  /** True when it added the tab (a write request); false when the tab was there. */
  private async addTabIfMissing(
    spreadsheetId: string,
    tab: string,
    columns: number,
  ): Promise<boolean> {
    const info = await this.client.getSpreadsheet(spreadsheetId);
    if (info.sheets.some((sheet) => sheet.title === tab)) return false;
    try {
      // Exactly as wide as the layout: every grid cell counts toward Google's limit, and the
      // roll-over estimate (rows x columns) then matches what the tab costs.
      await this.client.addSheet(spreadsheetId, tab, { rowCount: 1, columnCount: columns });
    } catch (error) {
      if (!(error instanceof SheetsConnectorError && error.code === 'sheet_already_exists'))
        throw error;
    }
    return true;
  }

  private rolledOver(
    key: TargetKey,
    state: TargetState,
    noted: (note: string) => void,
  ): TargetState {
    const tabNumber = state.tabNumber + 1;
    const note = `continuing in tab "${tabTitle(key.sheet, tabNumber)}": "${tabTitle(key.sheet, state.tabNumber)}" reached its cell limit`;
    noted(note);
    this.options.onNote?.(key, note);
    return { ...state, tabNumber, tabLastRow: 0, headerTitles: null, note };
  }

  private async readTailIfAny(spreadsheetId: string, tab: string, count: number) {
    try {
      return await this.client.readTail(spreadsheetId, tab, count);
    } catch (error) {
      if (error instanceof SheetsConnectorError && error.code === 'sheet_not_found') return [];
      throw error;
    }
  }
}

async function saveQuietly(store: LayoutStore, key: TargetKey, state: TargetState): Promise<void> {
  // The row count only steers roll-over; a lost save is corrected by the next append's result.
  await store.save(key, state).catch(() => undefined);
}

function keyOf(config: SheetTargetConfig): TargetKey {
  return { spreadsheetId: config.spreadsheetId, sheet: config.sheet };
}

function sameTitles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((title, i) => title === b[i]);
}

function asSheetsError(error: unknown): SheetsConnectorError {
  if (error instanceof SheetsConnectorError) return error;
  return new SheetsConnectorError('unexpected', 'unexpected failure writing to the sheet', {
    cause: error,
  });
}
