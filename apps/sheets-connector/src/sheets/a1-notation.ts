/**
 * A1 ranges the client sends. Tab titles are always quoted (quotes doubled), which Google accepts
 * for every title, so a title that looks like a cell (`A1`) or holds `!` stays a title.
 */
export function quotedSheet(title: string): string {
  return `'${title.replaceAll("'", "''")}'`;
}

/** Rows `from`..`to` across every column: `'Responses'!5:104`. */
export function rowsRange(sheet: string, from: number, to: number): string {
  return `${quotedSheet(sheet)}!${from}:${to}`;
}

/** First and last row of a range Google reports back (`'Responses'!A5:F9`, `Sheet1!A5`). */
export function rowsOf(range: string): { firstRow: number; lastRow: number } | undefined {
  const cells = range.slice(range.lastIndexOf('!') + 1);
  const match = /^\$?[A-Z]*\$?(\d+)(?::\$?[A-Z]*\$?(\d+))?$/i.exec(cells);
  if (!match?.[1]) return undefined;
  const firstRow = Number(match[1]);
  return { firstRow, lastRow: match[2] ? Number(match[2]) : firstRow };
}
