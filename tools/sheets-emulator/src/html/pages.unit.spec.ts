import { SpreadsheetStore } from '../state/spreadsheet-store';
import { indexPage, spreadsheetPage } from './pages';

function spreadsheetWith(rows: (string | number | null)[][]) {
  const spreadsheet = new SpreadsheetStore().create(
    { title: 'Survey <b>', sheets: [{ title: 'Responses "1"' }] },
    new Date(0),
  );
  spreadsheet.sheets[0]!.rows = rows;
  return spreadsheet;
}

describe('HTML pages', () => {
  it('shows every cell as text: markup in answers, titles and tab names is escaped, never run', () => {
    const html = spreadsheetPage(
      spreadsheetWith([
        ['responseId', 'q'],
        ['r1', '<script>alert("x")</script>'],
        ['r2', "=IMPORTXML('a')"],
      ]),
      { rows: 200, refreshSeconds: 2 },
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('=IMPORTXML(&#39;a&#39;)');
    expect(html).toContain('Survey &lt;b&gt;');
    expect(html).toContain('Responses &quot;1&quot;');
    expect(html).toContain('<meta http-equiv="refresh" content="2">');
  });

  it('shows the header row and the last rows of a long tab, saying which are left out', () => {
    const rows = [['responseId'], ...Array.from({ length: 500 }, (_, i) => [`r${i}`])];
    const html = spreadsheetPage(spreadsheetWith(rows), { rows: 10, refreshSeconds: 0 });
    expect(html).toContain('<td>responseId</td>');
    expect(html).toContain('<td>r499</td>');
    expect(html).toContain('<td>r490</td>');
    expect(html).not.toContain('<td>r489</td>');
    expect(html).toContain('rows 2–491 not shown');
    expect(html).not.toContain('http-equiv="refresh"');
  });

  it('lists spreadsheets with links to their pages', () => {
    const spreadsheet = spreadsheetWith([]);
    expect(indexPage([spreadsheet])).toContain(`href="/spreadsheets/${spreadsheet.spreadsheetId}"`);
  });
});
