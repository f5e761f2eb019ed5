import type { Emulator } from '../emulator';
import { appendValues, type InsertDataOption } from '../model/append-values';
import { batchUpdate } from '../model/batch-update';
import { describeSpreadsheet } from '../model/describe';
import { inputBlock } from '../model/input-values';
import { readValues, type MajorDimension, type ValueRenderOption } from '../model/read-values';
import { updateValues } from '../model/update-values';
import type { SpreadsheetState } from '../model/workbook';
import { faults } from './api-fault';
import type { ApiOperation } from './api-path';

export type Query = Readonly<Record<string, string | undefined>>;

/** Runs one admitted API call against the spreadsheet; throws ApiFault for Google's 400s. */
export function runOperation(
  emulator: Emulator,
  spreadsheet: SpreadsheetState,
  operation: ApiOperation,
  query: Query,
  body: unknown,
  baseUrl: string,
): unknown {
  switch (operation.name) {
    case 'spreadsheets.get':
      return describeSpreadsheet(spreadsheet, baseUrl);
    case 'values.get':
      return readValues(spreadsheet, operation.range, {
        majorDimension: oneOf<MajorDimension>(
          query.majorDimension,
          ['ROWS', 'COLUMNS'],
          'ROWS',
          'majorDimension',
        ),
        valueRenderOption: oneOf<ValueRenderOption>(
          query.valueRenderOption,
          ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'],
          'FORMATTED_VALUE',
          'valueRenderOption',
        ),
      });
    case 'values.update': {
      const block = inputBlock(body, query.valueInputOption, emulator.limits.charactersPerCell);
      return updateValues(spreadsheet, operation.range, block, emulator.limits);
    }
    case 'values.append': {
      const block = inputBlock(body, query.valueInputOption, emulator.limits.charactersPerCell);
      const insert = oneOf<InsertDataOption>(
        query.insertDataOption,
        ['INSERT_ROWS', 'OVERWRITE'],
        'OVERWRITE',
        'insertDataOption',
      );
      return appendValues(spreadsheet, operation.range, block, insert, emulator.limits);
    }
    case 'spreadsheets.batchUpdate':
      return batchUpdate(spreadsheet, body, emulator.limits);
  }
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
  name: string,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw faults.invalid(`Invalid value at '${name}' (${value})`);
}
