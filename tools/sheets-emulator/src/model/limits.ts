import { faults } from '../http/api-fault';
import { gridCells, type SpreadsheetState } from './workbook';

/** Google's hard limits, adjustable so tests can reach them with small sheets. */
export interface Limits {
  /** Grid cells (rows × columns of every tab) one spreadsheet may have: 10,000,000 at Google. */
  readonly cellsPerSpreadsheet: number;
  /** Characters one cell may hold: 50,000 at Google. */
  readonly charactersPerCell: number;
  /** Largest request body accepted, in bytes. */
  readonly requestBytes: number;
}

export const GOOGLE_LIMITS: Limits = {
  cellsPerSpreadsheet: 10_000_000,
  charactersPerCell: 50_000,
  requestBytes: 10 * 1024 * 1024,
};

/** Throws Google's 400 when growing the grid by `addedCells` would pass the spreadsheet's limit. */
export function assertCellBudget(
  spreadsheet: SpreadsheetState,
  addedCells: number,
  limits: Limits,
  messagePrefix = '',
): void {
  if (addedCells <= 0 || gridCells(spreadsheet) + addedCells <= limits.cellsPerSpreadsheet) return;
  throw faults.invalid(
    `${messagePrefix}This action would increase the number of cells in the workbook above the limit of ${limits.cellsPerSpreadsheet} cells.`,
  );
}
