import { columnLetters } from './column-letters';

/** A closed rectangle, as Google reports ranges back (never open-ended). */
export interface ClosedRect {
  readonly startRow: number;
  readonly startColumn: number;
  readonly endRow: number;
  readonly endColumn: number;
}

const PLAIN_TITLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LOOKS_LIKE_A_CELL = /^([A-Za-z]{1,3}\d+|R\d*C\d*)$/i;

/** Sheet titles are quoted (quotes doubled) unless they are a plain word that is not a cell. */
export function quoteSheetTitle(title: string): string {
  if (PLAIN_TITLE.test(title) && !LOOKS_LIKE_A_CELL.test(title)) return title;
  return `'${title.replaceAll("'", "''")}'`;
}

/** `Sheet1!A1:C5`, or `Sheet1!B2` for a single cell, the way Google writes ranges in responses. */
export function formatA1(sheetTitle: string, rect: ClosedRect): string {
  const start = `${columnLetters(rect.startColumn)}${rect.startRow}`;
  const end = `${columnLetters(rect.endColumn)}${rect.endRow}`;
  const cells = start === end ? start : `${start}:${end}`;
  return `${quoteSheetTitle(sheetTitle)}!${cells}`;
}
