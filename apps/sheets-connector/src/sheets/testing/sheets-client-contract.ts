import type { SheetsClient } from '../sheets-client';
import type { ContractContext } from './contract-helpers';
import { dataContract } from './data-contract';
import { failureContract } from './failure-contract';
import type { SheetsClientHarness } from './sheets-client-harness';

export type { SheetsClientHarness } from './sheets-client-harness';

/** The SheetsClient contract: every adapter runs this suite against its backend. */
export function sheetsClientContract(adapter: string, harness: () => SheetsClientHarness): void {
  describe(`SheetsClient contract: ${adapter}`, () => {
    let context: ContractContext;

    beforeEach(async () => {
      const client: SheetsClient = harness().client;
      context = { harness: harness(), client, spreadsheetId: await harness().newSpreadsheet() };
    });
    afterEach(() => harness().heal());

    dataContract(() => context);
    failureContract(() => context);
  });
}
