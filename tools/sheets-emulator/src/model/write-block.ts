import type { InputBlock } from './input-values';
import { trimRow, type Cell, type SheetState } from './workbook';

/** Writes `block` with its top-left cell at (row, column); the grid must already be big enough. */
export function writeBlock(
  sheet: SheetState,
  row: number,
  column: number,
  block: InputBlock,
): void {
  block.forEach((values, offset) => {
    const index = row - 1 + offset;
    while (sheet.rows.length <= index) sheet.rows.push([]);
    const cells: Cell[] = sheet.rows[index] ?? [];
    values.forEach((value, c) => {
      if (value === undefined) return;
      const at = column - 1 + c;
      while (cells.length < at) cells.push(null);
      cells[at] = value;
    });
    sheet.rows[index] = trimRow(cells);
  });
}

/** INSERT_ROWS: `count` empty rows before row `row`, pushing the rows below down. */
export function insertRows(sheet: SheetState, row: number, count: number): void {
  if (sheet.rows.length >= row) {
    sheet.rows.splice(row - 1, 0, ...Array.from({ length: count }, (): Cell[] => []));
  }
  sheet.rowCount += count;
}
