import { eventually } from '../../../../test/support/eventually';
import { newForm, responsesOf } from '../../../test-connector/src/testing/responses';
import { SheetsHarness } from '../testing/sheets-harness';

jest.setTimeout(90_000);

const harness = new SheetsHarness({ partitions: 1 });

beforeAll(() => harness.setUp());
afterAll(() => harness.tearDown());

// A tab made by a person is Google's default 1000 x 26: 26,000 cells before any row, 26 per row
// appended. The connector adds its own tabs exactly as wide as its columns (4 here).
const PERSON_MADE_TAB = 1_000 * 26;
const CELL_LIMIT = PERSON_MADE_TAB + 20 * 26 + 180;

describe('the Sheets connector at the cell limit', () => {
  it('continues in "Responses (2)" when the spreadsheet refuses more cells, and the integration status says so', async () => {
    const form = newForm();
    const spreadsheetId = await harness.newSpreadsheet([{ title: 'Responses' }]);
    const integrationId = await harness.attach(form, {
      config: { spreadsheetId, sheet: 'Responses' },
    });
    await harness.control.setLimits({ cellsPerSpreadsheet: CELL_LIMIT });
    await harness.startSheetsRuntime();

    const first = responsesOf(form, 20);
    await harness.produce(first);
    await eventually(
      async () => (await harness.rows(spreadsheetId, 'Responses')).length === 21,
      'the first 20 rows in "Responses"',
    );
    const second = responsesOf(form, 20);
    await harness.produce(second);

    let status: Record<string, unknown> | undefined;
    await eventually(async () => {
      status = await harness.status(integrationId);
      return typeof status?.note === 'string';
    }, 'a status note');
    expect(status?.note).toBe(
      'continuing in tab "Responses (2)": "Responses" reached its cell limit',
    );
    expect(status?.note_at).toBeInstanceOf(Date);

    let one: unknown[][] = [];
    let two: unknown[][] = [];
    await eventually(async () => {
      one = await harness.rows(spreadsheetId, 'Responses');
      two = await harness.rows(spreadsheetId, 'Responses (2)');
      return one.length - 1 + (two.length - 1) >= 40;
    }, 'all 40 rows across both tabs');
    expect(two[0]).toEqual(one[0]);
    const written = [...one.slice(1), ...two.slice(1)].map((row) => row[0]);
    expect(written).toEqual([...first, ...second].map((r) => r.responseId));
    expect((await harness.control.stats()).totals.clientErrors).toBeGreaterThan(0);
  });
});
