import { parseRebuildFlags } from './rebuild-flags';

describe('the rebuild command flags', () => {
  it('keeps the retired generation 24 hours unless told otherwise', () => {
    expect(parseRebuildFlags([])).toEqual({ keepRetiredMs: 86_400_000 });
    expect(parseRebuildFlags(['--keep-retired-hours=1.5'])).toEqual({ keepRetiredMs: 5_400_000 });
    expect(parseRebuildFlags(['--drop-retired'])).toEqual({ keepRetiredMs: 0 });
  });

  it('refuses what it does not know, with the usage', () => {
    expect(parseRebuildFlags(['--keep-retired-hours=soon'])).toMatchObject({
      error: expect.stringContaining('usage:') as unknown,
    });
  });
});
