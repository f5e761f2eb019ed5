import { formatA1 } from '../a1/format-a1';
import { blockWidth, type InputBlock } from './input-values';

/** UpdateValuesResponse; Google leaves zero counts out of its JSON. */
export interface UpdateValuesResponse {
  readonly spreadsheetId: string;
  readonly updatedRange?: string;
  readonly updatedRows?: number;
  readonly updatedColumns?: number;
  readonly updatedCells?: number;
}

/** What a write of `block` at (row, column) reports: the rectangle written and what it holds. */
export function updateSummary(
  spreadsheetId: string,
  sheetTitle: string,
  row: number,
  column: number,
  block: InputBlock,
): UpdateValuesResponse {
  const height = block.length;
  const width = blockWidth(block);
  if (height === 0 || width === 0) return { spreadsheetId };
  const columns = new Set<number>();
  let rows = 0;
  let cells = 0;
  for (const values of block) {
    let written = false;
    values.forEach((value, c) => {
      if (value === undefined) return;
      written = true;
      cells++;
      columns.add(c);
    });
    if (written) rows++;
  }
  return {
    spreadsheetId,
    updatedRange: formatA1(sheetTitle, {
      startRow: row,
      startColumn: column,
      endRow: row + height - 1,
      endColumn: column + width - 1,
    }),
    updatedRows: rows,
    updatedColumns: columns.size,
    updatedCells: cells,
  };
}
