import { A1ParseError, parseA1Range } from './a1-range';
import { columnLetters, columnNumber } from './column-letters';
import { formatA1, quoteSheetTitle } from './format-a1';

describe('A1 ranges', () => {
  it.each([
    [
      'Sheet1!A1:C5',
      { sheetTitle: 'Sheet1', cells: { startRow: 1, startColumn: 1, endRow: 5, endColumn: 3 } },
    ],
    [
      "'My sheet'!A1:Z",
      {
        sheetTitle: 'My sheet',
        cells: { startRow: 1, startColumn: 1, endRow: undefined, endColumn: 26 },
      },
    ],
    [
      "'It''s here'!B2",
      { sheetTitle: "It's here", cells: { startRow: 2, startColumn: 2, endRow: 2, endColumn: 2 } },
    ],
    [
      "'a!b'!A:A",
      {
        sheetTitle: 'a!b',
        cells: { startRow: 1, startColumn: 1, endRow: undefined, endColumn: 1 },
      },
    ],
    [
      'Sheet1!5:104',
      {
        sheetTitle: 'Sheet1',
        cells: { startRow: 5, startColumn: 1, endRow: 104, endColumn: undefined },
      },
    ],
    [
      'Sheet1!$A$1:$B$2',
      { sheetTitle: 'Sheet1', cells: { startRow: 1, startColumn: 1, endRow: 2, endColumn: 2 } },
    ],
    [
      'Sheet1!C3:A1',
      { sheetTitle: 'Sheet1', cells: { startRow: 1, startColumn: 1, endRow: 3, endColumn: 3 } },
    ],
    ["'Responses (2)'", { sheetTitle: 'Responses (2)', cells: undefined }],
    [
      'Sheet1!aa10:ab',
      {
        sheetTitle: 'Sheet1',
        cells: { startRow: 10, startColumn: 27, endRow: undefined, endColumn: 28 },
      },
    ],
  ])('reads %s', (text, expected) => {
    expect(parseA1Range(text)).toEqual({ ...expected, bare: false });
  });

  it('leaves a bare word to the caller: a tab title or cells of the first tab', () => {
    expect(parseA1Range('A1:B2')).toEqual({
      sheetTitle: undefined,
      cells: { startRow: 1, startColumn: 1, endRow: 2, endColumn: 2 },
      bare: true,
    });
    expect(parseA1Range('Responses')).toEqual({
      sheetTitle: undefined,
      cells: undefined,
      bare: true,
    });
  });

  it.each([
    "'unterminated!A1",
    "''!A1",
    '!A1',
    'Sheet1!',
    'Sheet1!A',
    'Sheet1!5',
    'Sheet1!A1:B2:C3',
    'Sheet1!A0',
    'Sheet1!AAAA1',
    "'x'A1",
  ])('rejects %s as Google does ("Unable to parse range")', (text) => {
    expect(() => parseA1Range(text)).toThrow(A1ParseError);
    expect(() => parseA1Range(text)).toThrow(`Unable to parse range: ${text}`);
  });

  it('numbers columns in base 26 without a zero, both ways', () => {
    for (const [number, letters] of [
      [1, 'A'],
      [26, 'Z'],
      [27, 'AA'],
      [52, 'AZ'],
      [702, 'ZZ'],
      [703, 'AAA'],
      [18_278, 'ZZZ'],
    ] as const) {
      expect(columnLetters(number)).toBe(letters);
      expect(columnNumber(letters)).toBe(number);
    }
  });

  it('writes ranges back the way Google reports them, quoting titles only when needed', () => {
    expect(formatA1('Sheet1', { startRow: 2, startColumn: 1, endRow: 3, endColumn: 3 })).toBe(
      'Sheet1!A2:C3',
    );
    expect(formatA1('My tab', { startRow: 4, startColumn: 1, endRow: 4, endColumn: 1 })).toBe(
      "'My tab'!A4",
    );
    expect(quoteSheetTitle("It's")).toBe("'It''s'");
    expect(quoteSheetTitle('A1')).toBe("'A1'");
    expect(quoteSheetTitle('Responses_2')).toBe('Responses_2');
  });
});
