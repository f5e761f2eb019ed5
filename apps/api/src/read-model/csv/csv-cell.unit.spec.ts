import { csvLine, textCell, valueCell } from './csv-cell';

describe('CSV cells', () => {
  it('leave plain text alone', () => {
    expect(textCell('Household budget')).toBe('Household budget');
  });

  it.each([
    ['a comma', 'a,b', '"a,b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a line feed', 'line 1\nline 2', '"line 1\nline 2"'],
    ['a carriage return inside', 'a\r\nb', '"a\r\nb"'],
  ])('quote text with %s, doubling inner quotes', (_what, value, cell) => {
    expect(textCell(value)).toBe(cell);
  });

  it.each([
    ['=', '=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+', '+1+1', "'+1+1"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['a tab', '\t=1', "'\t=1"],
    ['a carriage return', '\r=1', `"'\r=1"`],
    ['a full-width =', '＝1+1', "'＝1+1"],
  ])('neutralise text starting with %s so a spreadsheet shows it as text', (_what, value, cell) => {
    expect(textCell(value)).toBe(cell);
  });

  it('keep typed values the API formatted itself as they are: a negative number stays a number', () => {
    expect(valueCell('-12.5')).toBe('-12.5');
    expect(valueCell('2025-03-01')).toBe('2025-03-01');
  });

  it('end each line with CRLF (RFC 4180)', () => {
    expect(csvLine(['a', '"b,c"', ''])).toBe('a,"b,c",\r\n');
  });
});
