import { columnLetters } from '../a1/column-letters';
import type { SheetState, SpreadsheetState } from '../model/workbook';
import { gridCells } from '../model/workbook';
import { escapeHtml as e } from './escape-html';

const STYLE = `body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;font-size:.85rem}
td,th{border:1px solid #ccc;padding:.2rem .4rem;white-space:pre;max-width:30rem;overflow:hidden;text-overflow:ellipsis}
th{background:#f3f3f3}th.row{text-align:right;color:#666}.note{color:#666}`;

function page(title: string, body: string, refreshSeconds: number): string {
  const refresh =
    refreshSeconds > 0 ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : '';
  return `<!doctype html><html><head><meta charset="utf-8">${refresh}<title>${e(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** GET /: every spreadsheet, with a link to its tables. */
export function indexPage(spreadsheets: readonly SpreadsheetState[]): string {
  const rows = spreadsheets
    .map(
      (s) =>
        `<tr><td><a href="/spreadsheets/${encodeURIComponent(s.spreadsheetId)}">${e(s.title)}</a></td><td>${e(s.spreadsheetId)}</td><td>${s.sheets.length}</td><td>${s.sheets.reduce((n, sheet) => n + sheet.rows.length, 0)}</td><td>${s.accessRevoked ? 'revoked' : 'shared'}</td></tr>`,
    )
    .join('');
  const table = spreadsheets.length
    ? `<table><tr><th>title</th><th>spreadsheetId</th><th>tabs</th><th>rows written</th><th>access</th></tr>${rows}</table>`
    : '<p class="note">No spreadsheets yet. Create one with POST /_control/spreadsheets.</p>';
  return page('Sheets emulator', `<h1>Sheets emulator</h1>${table}`, 5);
}

export interface SheetView {
  /** Data rows shown per tab: the header row and the last `rows` rows. */
  readonly rows: number;
  readonly refreshSeconds: number;
}

/** GET /spreadsheets/{id}: each tab as a table, refreshing so rows can be watched arriving. */
export function spreadsheetPage(spreadsheet: SpreadsheetState, view: SheetView): string {
  const header = `<p><a href="/">all spreadsheets</a></p><h1>${e(spreadsheet.title)}</h1>
<p class="note">${e(spreadsheet.spreadsheetId)} · ${gridCells(spreadsheet)} grid cells${spreadsheet.accessRevoked ? ' · access revoked' : ''} · refreshes every ${view.refreshSeconds} s (<a href="?refresh=0">stop</a>)</p>`;
  const tabs = spreadsheet.sheets.map((sheet) => sheetTable(sheet, view.rows)).join('');
  return page(spreadsheet.title, header + tabs, view.refreshSeconds);
}

function sheetTable(sheet: SheetState, shown: number): string {
  const width = sheet.rows.reduce((max, row) => Math.max(max, row.length), 0);
  const last = sheet.rows.length;
  const first = Math.max(2, last - shown + 1);
  const numbers = last === 0 ? [] : [1, ...range(first, last)];
  const columns = range(1, width)
    .map((c) => `<th>${columnLetters(c)}</th>`)
    .join('');
  const body = numbers
    .map((n, i) => {
      const gap =
        i === 1 && first > 2
          ? `<tr><th class="row">…</th><td colspan="${width}" class="note">rows 2–${first - 1} not shown</td></tr>`
          : '';
      const cells = range(1, width)
        .map((c) => `<td>${e(sheet.rows[n - 1]?.[c - 1] ?? '')}</td>`)
        .join('');
      return `${gap}<tr><th class="row">${n}</th>${cells}</tr>`;
    })
    .join('');
  return `<h2>${e(sheet.title)}</h2><p class="note">sheetId ${sheet.sheetId} · grid ${sheet.rowCount} × ${sheet.columnCount} · ${last} rows written</p><table><tr><th></th>${columns}</tr>${body}</table>`;
}

function range(from: number, to: number): number[] {
  return to < from ? [] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
