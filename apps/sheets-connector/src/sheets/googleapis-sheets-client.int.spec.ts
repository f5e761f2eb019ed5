import { EmulatorHarness } from './testing/emulator-harness';
import { sheetsClientContract } from './testing/sheets-client-contract';

let harness: EmulatorHarness;

beforeAll(async () => {
  harness = await EmulatorHarness.start();
});
afterAll(() => harness?.stop());

sheetsClientContract('googleapis against the Sheets emulator', () => harness);
