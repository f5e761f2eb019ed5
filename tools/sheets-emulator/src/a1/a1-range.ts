import { columnNumber } from './column-letters';

/**
 * A rectangle of cells, 1-based and inclusive. An undefined end is open: it runs to the last
 * row or column of the sheet's grid (`A1:C` = columns A to C, every row from 1).
 */
export interface CellRect {
  readonly startRow: number;
  readonly startColumn: number;
  readonly endRow: number | undefined;
  readonly endColumn: number | undefined;
}

/**
 * An A1 range as written by a client: `'My sheet'!A1:C`, `Sheet1!A:A`, `Sheet1!2:5`, `Sheet1`,
 * `A1:B2`. `sheetTitle` is undefined when the text names no sheet; `cells` is undefined when it
 * names a whole sheet. `bare` is the unquoted text without `!`, which may be a sheet title or a
 * cell range: the caller decides with the spreadsheet's sheet titles.
 */
export interface A1Range {
  readonly sheetTitle: string | undefined;
  readonly cells: CellRect | undefined;
  readonly bare: boolean;
}

export class A1ParseError extends Error {
  override readonly name = 'A1ParseError';
  constructor(readonly text: string) {
    super(`Unable to parse range: ${text}`);
  }
}

/** Google's grid bounds: columns up to ZZZ (18,278), rows up to 10 million (the cell limit). */
const MAX_COLUMN = 18_278;
const MAX_ROW = 10_000_000;

const REF = /^\$?([A-Za-z]{0,3})\$?(\d{0,8})$/;

export function parseA1Range(text: string): A1Range {
  const trimmed = text.trim();
  if (trimmed.startsWith("'")) return parseQuoted(trimmed, text);
  const bang = trimmed.indexOf('!');
  if (bang < 0) {
    return { sheetTitle: undefined, cells: tryParseCells(trimmed), bare: true };
  }
  const sheetTitle = trimmed.slice(0, bang);
  if (sheetTitle === '') throw new A1ParseError(text);
  return { sheetTitle, cells: parseCells(trimmed.slice(bang + 1), text), bare: false };
}

function parseQuoted(trimmed: string, text: string): A1Range {
  let title = '';
  let index = 1;
  for (;;) {
    const quote = trimmed.indexOf("'", index);
    if (quote < 0) throw new A1ParseError(text);
    title += trimmed.slice(index, quote);
    if (trimmed[quote + 1] === "'") {
      title += "'";
      index = quote + 2;
      continue;
    }
    index = quote + 1;
    break;
  }
  if (title === '') throw new A1ParseError(text);
  const rest = trimmed.slice(index);
  if (rest === '') return { sheetTitle: title, cells: undefined, bare: false };
  if (!rest.startsWith('!')) throw new A1ParseError(text);
  return { sheetTitle: title, cells: parseCells(rest.slice(1), text), bare: false };
}

function tryParseCells(text: string): CellRect | undefined {
  try {
    return parseCells(text, text);
  } catch {
    return undefined;
  }
}

interface Ref {
  readonly column: number | undefined;
  readonly row: number | undefined;
}

function parseRef(text: string, original: string): Ref {
  const match = REF.exec(text);
  if (!match || text === '' || (match[1] === '' && match[2] === '')) {
    throw new A1ParseError(original);
  }
  const column = match[1] ? columnNumber(match[1]) : undefined;
  const row = match[2] ? Number(match[2]) : undefined;
  if (row !== undefined && (row < 1 || row > MAX_ROW)) throw new A1ParseError(original);
  if (column !== undefined && column > MAX_COLUMN) throw new A1ParseError(original);
  return { column, row };
}

function parseCells(text: string, original: string): CellRect {
  const parts = text.split(':');
  if (parts.length > 2) throw new A1ParseError(original);
  const start = parseRef(parts[0] ?? '', original);
  if (parts.length === 1) {
    // A lone reference must name one cell: "A1", not "A" or "1".
    if (start.column === undefined || start.row === undefined) throw new A1ParseError(original);
    return {
      startRow: start.row,
      startColumn: start.column,
      endRow: start.row,
      endColumn: start.column,
    };
  }
  const end = parseRef(parts[1] ?? '', original);
  return normalise({
    startRow: start.row ?? 1,
    startColumn: start.column ?? 1,
    endRow: end.row,
    endColumn: end.column,
  });
}

/** `B2:A1` means the same cells as `A1:B2`. */
function normalise(rect: CellRect): CellRect {
  const rows = order(rect.startRow, rect.endRow);
  const columns = order(rect.startColumn, rect.endColumn);
  return { startRow: rows[0], endRow: rows[1], startColumn: columns[0], endColumn: columns[1] };
}

function order(start: number, end: number | undefined): [number, number | undefined] {
  return end !== undefined && end < start ? [end, start] : [start, end];
}
