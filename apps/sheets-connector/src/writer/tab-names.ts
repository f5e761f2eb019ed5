/** The tab written at `tabNumber`: the configured name, then `<name> (2)`, `<name> (3)`, … */
export function tabTitle(sheet: string, tabNumber: number): string {
  return tabNumber <= 1 ? sheet : `${sheet} (${tabNumber})`;
}

/** Google's limit of cells per spreadsheet; the connector rolls over before a tab passes it. */
export const GOOGLE_CELL_LIMIT = 10_000_000;

/** True when appending `rows` rows of `columns` cells below `lastRow` would pass `cellLimit`. */
export function wouldPassCellLimit(
  lastRow: number,
  rows: number,
  columns: number,
  cellLimit: number,
): boolean {
  return (lastRow + rows) * columns > cellLimit;
}
