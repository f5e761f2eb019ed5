import { faults } from '../http/api-fault';
import type { MajorDimension } from './read-values';
import type { CellValue } from './workbook';

/** A block to write: `null` clears a cell, `undefined` leaves it as it is (JSON null in the request). */
export type InputCell = CellValue | null | undefined;
export type InputBlock = InputCell[][];

export type ValueInputOption = 'RAW' | 'USER_ENTERED';

/**
 * Checks a request's ValueRange.values and turns it into rows. RAW stores every value as sent,
 * so a string starting with "=" stays text; an empty string clears the cell; JSON null skips it.
 */
export function inputBlock(
  body: unknown,
  valueInputOption: string | undefined,
  charactersPerCell: number,
): InputBlock {
  if (valueInputOption === undefined) {
    throw faults.invalid("'valueInputOption' is required but not specified");
  }
  if (valueInputOption !== 'RAW') {
    throw faults.invalid(
      `Invalid valueInputOption: ${valueInputOption} (the emulator implements RAW only)`,
    );
  }
  const { values, majorDimension } = (body ?? {}) as { values?: unknown; majorDimension?: unknown };
  if (values === undefined) return [];
  if (!Array.isArray(values) || !values.every(Array.isArray)) {
    throw faults.invalid('Invalid values: expected a list of lists of values');
  }
  const rows = dimension(majorDimension) === 'COLUMNS' ? columnsToRows(values) : values;
  return (rows as unknown[][]).map((row, r) =>
    row.map((value, c) => inputCell(value, `values[${r}][${c}]`, charactersPerCell)),
  );
}

/** COLUMNS input: values[c][r] is the cell at row r of column c; gaps are skipped cells. */
function columnsToRows(columns: readonly unknown[][]): unknown[][] {
  const height = columns.reduce((max, column) => Math.max(max, column.length), 0);
  return Array.from({ length: height }, (_, r) => columns.map((column) => column[r] ?? null));
}

function inputCell(value: unknown, path: string, charactersPerCell: number): InputCell {
  if (value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value !== 'string') {
    throw faults.invalid(`Invalid ${path}: expected a string, number or boolean`);
  }
  if (value.length > charactersPerCell) {
    throw faults.invalid(
      `Invalid ${path}: Your input contains more than the maximum of ${charactersPerCell} characters in a single cell.`,
    );
  }
  return value === '' ? null : value;
}

function dimension(value: unknown): MajorDimension {
  if (value === undefined || value === 'ROWS' || value === 'DIMENSION_UNSPECIFIED') return 'ROWS';
  if (value === 'COLUMNS') return 'COLUMNS';
  throw faults.invalid(`Invalid value at 'data.major_dimension' (${JSON.stringify(value)})`);
}

export function blockWidth(block: InputBlock): number {
  return block.reduce((max, row) => Math.max(max, row.length), 0);
}

export function blockCells(block: InputBlock): number {
  return block.reduce((sum, row) => sum + row.filter((cell) => cell !== undefined).length, 0);
}
