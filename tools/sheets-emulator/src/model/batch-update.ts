import { faults } from '../http/api-fault';
import { addSheet, addSheetRequest } from './add-sheet';
import type { Limits } from './limits';
import type { SpreadsheetState } from './workbook';

export interface BatchUpdateResponse {
  readonly spreadsheetId: string;
  readonly replies: readonly Record<string, unknown>[];
}

/**
 * spreadsheets.batchUpdate, all or nothing like Google's: on the first failing request the
 * tabs added by earlier ones are taken back. Only addSheet is implemented.
 */
export function batchUpdate(
  spreadsheet: SpreadsheetState,
  body: unknown,
  limits: Limits,
): BatchUpdateResponse {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) {
    throw faults.invalid('Invalid requests: must contain at least one request');
  }
  const before = spreadsheet.sheets.slice();
  try {
    const replies = requests.map((request: unknown, index) => {
      const where = `Invalid requests[${index}].addSheet`;
      const kinds = Object.keys(request ?? {});
      if (kinds.length !== 1 || kinds[0] !== 'addSheet') {
        throw faults.invalid(
          `Invalid requests[${index}]: the emulator implements addSheet only (got ${kinds.join(', ') || 'nothing'})`,
        );
      }
      const parsed = addSheetRequest.safeParse((request as { addSheet: unknown }).addSheet);
      if (!parsed.success) throw faults.invalid(`${where}: ${parsed.error.issues[0]?.message}`);
      return addSheet(spreadsheet, parsed.data, limits, where);
    });
    return { spreadsheetId: spreadsheet.spreadsheetId, replies };
  } catch (error) {
    spreadsheet.sheets = before;
    throw error;
  }
}
