import { responsesOf, newForm } from '../../../test-connector/src/testing/responses';
import { cellOf, MAX_CELL_CHARACTERS, TRUNCATION_MARKER } from './cell-text';
import { extendLayout, headerOf, rowOf } from './column-layout';
import { appendChunks } from './append-chunks';
import { tabTitle, wouldPassCellLimit } from './tab-names';

const config = { spreadsheetId: 's', sheet: 'Responses' };

describe('column layout', () => {
  it('appends a column for a question seen for the first time and never moves existing ones', () => {
    const [first] = responsesOf(newForm(), 1);
    const layout = extendLayout({ questionIds: ['income', 'gone'] }, config, [
      { ...first!, answers: [{ questionId: 'age', value: 3 }, ...first!.answers] },
    ]);
    expect(layout.questionIds).toEqual(['income', 'gone', 'age', 'name']);
  });

  it('keeps only the configured questions, in config order first', () => {
    const responses = responsesOf(newForm(), 2);
    const layout = extendLayout(
      { questionIds: [] },
      { ...config, questions: ['income'] },
      responses,
    );
    expect(layout.questionIds).toEqual(['income']);
  });

  it('aligns every row with the layout, blank where a response has no answer', () => {
    const [response] = responsesOf(newForm(), 1);
    const row = rowOf({ questionIds: ['missing', 'income', 'name'] }, response!);
    expect(row).toEqual([
      response!.responseId,
      new Date(response!.submittedAt).toISOString(),
      '',
      0,
      'secret answer 0',
    ]);
  });

  it('titles the header with configured column titles, falling back to the questionId', () => {
    const header = headerOf({ questionIds: ['a', 'b'] }, { ...config, columnTitles: { b: 'Bee' } });
    expect(header).toEqual(['responseId', 'submittedAt', 'a', 'Bee']);
  });

  it("prefers configured titles, then the form's current titles, then the column's last title, then the id", () => {
    const header = headerOf(
      { questionIds: ['a', 'b', 'c', 'd'] },
      { ...config, columnTitles: { a: 'Configured' } },
      new Map([
        ['a', 'Form A'],
        ['b', 'Form B renamed'],
      ]),
      ['responseId', 'submittedAt', 'A', 'Form B', 'Old C'],
    );
    expect(header).toEqual([
      'responseId',
      'submittedAt',
      'Configured',
      'Form B renamed',
      'Old C',
      'd',
    ]);
  });
});

describe('cells', () => {
  it('truncates a text over 50,000 characters with a visible marker', () => {
    const cell = cellOf('x'.repeat(60_000)) as string;
    expect(cell).toHaveLength(MAX_CELL_CHARACTERS);
    expect(cell.endsWith(TRUNCATION_MARKER)).toBe(true);
  });

  it('keeps a formula-looking answer as text and joins lists', () => {
    expect(cellOf('=IMPORTXML("x")')).toBe('=IMPORTXML("x")');
    expect(cellOf(['a', 'b'])).toBe('a, b');
  });
});

describe('append chunks', () => {
  it('bounds each request by bytes and keeps row order', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ i, row: ['x'.repeat(100)] }));
    const chunks = appendChunks(items, 350);
    expect(chunks.map((c) => c.length)).toEqual([3, 3, 3, 1]);
    expect(chunks.flat().map((c) => c.i)).toEqual(items.map((c) => c.i));
  });
});

describe('tabs', () => {
  it('continues in "<name> (n)" before a tab would pass the cell limit', () => {
    expect(tabTitle('Responses', 1)).toBe('Responses');
    expect(tabTitle('Responses', 3)).toBe('Responses (3)');
    expect(wouldPassCellLimit(99, 1, 10, 1_000)).toBe(false);
    expect(wouldPassCellLimit(100, 1, 10, 1_000)).toBe(true);
  });
});
