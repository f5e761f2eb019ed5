import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { faults } from '../http/api-fault';
import { sheetProperties, type SheetProperties } from './describe';
import { assertCellBudget, type Limits } from './limits';
import { findSheet } from './resolve-range';
import {
  DEFAULT_COLUMN_COUNT,
  DEFAULT_ROW_COUNT,
  type SheetState,
  type SpreadsheetState,
} from './workbook';

export const addSheetRequest = z.object({
  properties: z
    .object({
      sheetId: z.number().int().min(0).optional(),
      title: z.string().min(1).max(100).optional(),
      index: z.number().int().min(0).optional(),
      gridProperties: z
        .object({
          rowCount: z.number().int().min(1).optional(),
          columnCount: z.number().int().min(1).optional(),
        })
        .partial()
        .optional(),
    })
    .optional(),
});
export type AddSheetRequest = z.infer<typeof addSheetRequest>;

/** batchUpdate's addSheet: a new tab (1000 × 26 unless told), title unique ignoring case. */
export function addSheet(
  spreadsheet: SpreadsheetState,
  request: AddSheetRequest,
  limits: Limits,
  where: string,
): { addSheet: { properties: SheetProperties } } {
  const properties = request.properties ?? {};
  const title = properties.title ?? nextDefaultTitle(spreadsheet);
  if (findSheet(spreadsheet, title)) {
    throw faults.invalid(
      `${where}: A sheet with the name "${title}" already exists. Please enter another name.`,
    );
  }
  if (
    properties.sheetId !== undefined &&
    spreadsheet.sheets.some((s) => s.sheetId === properties.sheetId)
  ) {
    throw faults.invalid(`${where}: Sheet with id ${properties.sheetId} already exists.`);
  }
  const sheet: SheetState = {
    sheetId: properties.sheetId ?? unusedSheetId(spreadsheet),
    title,
    rowCount: properties.gridProperties?.rowCount ?? DEFAULT_ROW_COUNT,
    columnCount: properties.gridProperties?.columnCount ?? DEFAULT_COLUMN_COUNT,
    rows: [],
  };
  assertCellBudget(spreadsheet, sheet.rowCount * sheet.columnCount, limits, `${where}: `);
  const index = Math.min(properties.index ?? spreadsheet.sheets.length, spreadsheet.sheets.length);
  spreadsheet.sheets.splice(index, 0, sheet);
  return { addSheet: { properties: sheetProperties(spreadsheet, sheet) } };
}

function nextDefaultTitle(spreadsheet: SpreadsheetState): string {
  for (let n = spreadsheet.sheets.length + 1; ; n++) {
    if (!findSheet(spreadsheet, `Sheet${n}`)) return `Sheet${n}`;
  }
}

function unusedSheetId(spreadsheet: SpreadsheetState): number {
  for (;;) {
    const id = randomInt(1, 2_147_483_647);
    if (!spreadsheet.sheets.some((sheet) => sheet.sheetId === id)) return id;
  }
}
