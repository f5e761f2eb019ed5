import type { SheetsClient } from '../sheets-client';
import { SheetsConnectorError, type SheetsErrorCode } from '../sheets-connector-error';
import type { SheetsClientHarness } from './sheets-client-harness';

/** What each contract test gets: the harness, its client and a fresh spreadsheet. */
export interface ContractContext {
  readonly harness: SheetsClientHarness;
  readonly client: SheetsClient;
  readonly spreadsheetId: string;
}

export async function failure(promise: Promise<unknown>): Promise<SheetsConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SheetsConnectorError) return error;
    throw new Error(`expected a SheetsConnectorError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the call to fail');
}

export function expectKind(
  error: SheetsConnectorError,
  code: SheetsErrorCode,
  kind: 'retriable' | 'permanent' | 'neither',
) {
  expect({ code: error.code, retriable: error.retriable, permanent: error.permanent }).toEqual({
    code,
    retriable: kind === 'retriable',
    permanent: kind === 'permanent',
  });
}

export const row = (n: number, width = 8) => [
  `response-${n}`,
  ...Array.from({ length: width - 1 }, (_, c) => `answer ${n}.${c}`),
];

/** The SheetsClient contract: every adapter runs this suite against its backend. */
