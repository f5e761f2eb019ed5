import { parseA1Range, type CellRect } from '../a1/a1-range';
import { faults } from '../http/api-fault';
import type { SheetState, SpreadsheetState } from './workbook';

export interface ResolvedRange {
  readonly sheet: SheetState;
  /** Open ends run to the grid's last row or column. */
  readonly rect: CellRect;
}

const WHOLE_SHEET: CellRect = {
  startRow: 1,
  startColumn: 1,
  endRow: undefined,
  endColumn: undefined,
};

/**
 * Finds the tab and cells an A1 range names, as Google does: a bare word is a sheet title when
 * such a tab exists, otherwise cells of the first tab; titles match case-insensitively.
 */
export function resolveRange(spreadsheet: SpreadsheetState, text: string): ResolvedRange {
  const unparsable = faults.invalid(`Unable to parse range: ${text}`);
  let parsed;
  try {
    parsed = parseA1Range(text);
  } catch {
    throw unparsable;
  }
  if (parsed.bare) {
    const byTitle = findSheet(spreadsheet, text.trim());
    if (byTitle) return { sheet: byTitle, rect: WHOLE_SHEET };
    const first = spreadsheet.sheets[0];
    if (!first || !parsed.cells) throw unparsable;
    return { sheet: first, rect: parsed.cells };
  }
  const sheet =
    parsed.sheetTitle === undefined ? undefined : findSheet(spreadsheet, parsed.sheetTitle);
  if (!sheet) throw unparsable;
  return { sheet, rect: parsed.cells ?? WHOLE_SHEET };
}

export function findSheet(spreadsheet: SpreadsheetState, title: string): SheetState | undefined {
  const wanted = title.toLowerCase();
  return spreadsheet.sheets.find((sheet) => sheet.title.toLowerCase() === wanted);
}
