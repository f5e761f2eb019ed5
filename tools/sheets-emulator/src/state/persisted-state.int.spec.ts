import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SheetsEmulatorControl } from '../control-client';
import { startSheetsEmulator } from '../server';

describe('emulator state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sheets-emulator-state-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps spreadsheets, their cells, sharing and limits across a restart', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startSheetsEmulator({ stateFile });
    const control = new SheetsEmulatorControl(first.url);
    const { spreadsheetId } = await control.createSpreadsheet({
      title: 'kept',
      sheets: [{ title: 'Tab' }],
    });
    first.emulator.store.get(spreadsheetId)!.sheets[0]!.rows = [['r1', 42, true]];
    await control.setAccess(spreadsheetId, true);
    await control.setLimits({ cellsPerSpreadsheet: 123_456 });
    await first.close();

    const second = await startSheetsEmulator({ stateFile });
    try {
      const again = new SheetsEmulatorControl(second.url);
      const dump = await again.spreadsheet(spreadsheetId);
      expect(dump).toMatchObject({ accessRevoked: true, values: { Tab: [['r1', 42, true]] } });
      expect((await again.setLimits({})).cellsPerSpreadsheet).toBe(123_456);
    } finally {
      await second.close();
    }
  });
});
