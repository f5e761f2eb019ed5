/**
 * CSV cells (RFC 4180) that are also safe to open in a spreadsheet. A text cell that starts with
 * a character a spreadsheet reads as a formula (`=`, `+`, `-`, `@`, tab, carriage return, or their
 * full-width forms) is prefixed with `'`, which spreadsheets show as text (OWASP "CSV injection").
 * Cells holding a comma, quote, CR or LF are quoted, inner quotes doubled.
 */

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A cell whose text came from a user (answers, titles): neutralised, then escaped. */
export function textCell(value: string): string {
  return escapeCell(FORMULA_START.test(value) ? `'${value}` : value);
}

/**
 * A cell the API formatted itself from a typed value (a number, a boolean, a date, an id), never
 * user text: only escaped, so a negative number stays a number.
 */
export function valueCell(value: string): string {
  return escapeCell(value);
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.join(',')}\r\n`;
}

function escapeCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
