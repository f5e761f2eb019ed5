import { eventually } from '../../../../test/support/eventually';
import { newForm, responsesOf } from '../../../test-connector/src/testing/responses';
import { SheetsHarness } from '../testing/sheets-harness';

jest.setTimeout(90_000);

const harness = new SheetsHarness({ partitions: 2 });

beforeAll(() => harness.setUp());
afterAll(() => harness.tearDown());

describe('the Sheets connector keeps headers in step with the form', () => {
  it('rewrites only the header when a question is renamed or added; a removed one keeps its column; no row moves or repeats', async () => {
    const form = newForm();
    await harness.publishForm(form, 1, { name: 'Your name', income: 'Monthly income' });
    const spreadsheetId = await harness.newSpreadsheet();
    await harness.attach(form, { config: { spreadsheetId, sheet: 'Responses' } });
    await harness.startSheetsRuntime();
    const rowsUntil = async (count: number) => {
      let rows: unknown[][] = [];
      await eventually(async () => {
        rows = await harness.rows(spreadsheetId, 'Responses');
        return rows.length >= count + 1;
      }, `${count} rows`);
      return rows;
    };

    const first = harness.answering(responsesOf(form, 5), 1);
    await harness.produce(first);
    const before = await rowsUntil(5);
    expect(before[0]).toEqual(['responseId', 'submittedAt', 'Your name', 'Monthly income']);

    // Renamed: the header changes, nothing else.
    await harness.publishForm(form, 2, { name: 'Full name', income: 'Monthly income' });
    const second = harness.answering(responsesOf(form, 5), 2);
    await harness.produce(second);
    const renamed = await rowsUntil(10);
    expect(renamed[0]).toEqual(['responseId', 'submittedAt', 'Full name', 'Monthly income']);
    expect(renamed.slice(1, 6)).toEqual(before.slice(1));

    // Added and removed: a new column at the end; the removed one keeps its place and title.
    await harness.publishForm(form, 3, { name: 'Full name', age: 'Age' });
    const third = harness.answering(responsesOf(form, 5), 3).map((r, i) => ({
      ...r,
      answers: [
        { questionId: 'name', value: `later ${i}` },
        { questionId: 'age', value: 40 + i },
      ],
    }));
    await harness.produce(third);
    const rows = await rowsUntil(15);
    expect(rows[0]).toEqual(['responseId', 'submittedAt', 'Full name', 'Monthly income', 'Age']);
    expect(rows.slice(1, 11)).toEqual(renamed.slice(1));
    expect(rows[11]!.slice(2)).toEqual(['later 0', '', 40]);
    expect(rows.slice(1).map((row) => row[0])).toEqual(
      [...first, ...second, ...third].map((r) => r.responseId),
    );

    // The header row was written three times: first use, the rename, the added column.
    const writes = await harness.control.writes(spreadsheetId);
    expect(writes.spans.filter((s) => s.operation === 'values.update')).toHaveLength(3);
  });
});
