import {
  COPY_NULL,
  copyBoolean,
  copyJson,
  copyNullableText,
  copyNumber,
  copyText,
  copyTextArray,
  copyTimestamp,
} from './copy-text';

describe('the COPY text encoding', () => {
  it('escapes backslash, newline, carriage return and tab, and leaves everything else alone', () => {
    expect(copyText('plain, "quoted" é 😀')).toBe('plain, "quoted" é 😀');
    expect(copyText('a\\b\nc\rd\te')).toBe('a\\\\b\\nc\\rd\\te');
  });

  it('writes NULL as \\N, so an empty string stays an empty string', () => {
    expect(copyNullableText(null)).toBe(COPY_NULL);
    expect(copyNullableText('')).toBe('');
    expect(copyNumber(null)).toBe(COPY_NULL);
    expect(copyBoolean(null)).toBe(COPY_NULL);
    expect(copyTextArray(null)).toBe(COPY_NULL);
  });

  it('writes numbers exactly, booleans as t/f and epoch milliseconds as UTC timestamps', () => {
    expect(copyNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(copyNumber(-1e21)).toBe('-1e+21');
    expect([copyBoolean(true), copyBoolean(false)]).toEqual(['t', 'f']);
    expect(copyTimestamp(1_750_000_000_123)).toBe('2025-06-15T15:06:40.123Z');
    for (const ms of [
      0, 5, 999, 1_000, 1_750_000_000_007, 1_750_000_000_050, 1_750_000_001_000, 1.5,
    ]) {
      expect(copyTimestamp(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('quotes every array element, escaping quotes and backslashes inside it', () => {
    expect(copyTextArray([])).toBe('{}');
    expect(copyTextArray(['a', 'NULL', 'b,c', 'say "hi"', 'back\\slash'])).toBe(
      '{"a","NULL","b,c","say \\\\"hi\\\\"","back\\\\\\\\slash"}',
    );
  });

  it('escapes JSON for a jsonb field', () => {
    expect(copyJson({ note: 'line\nbreak' })).toBe('{"note":"line\\\\nbreak"}');
  });
});
