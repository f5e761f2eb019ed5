import { duration, noteLine, progressBar, progressLine } from './progress';

describe('drawing backfill progress', () => {
  it('fills the bar in proportion, never beyond its ends', () => {
    expect(progressBar(0, 10)).toBe('[----------]');
    expect(progressBar(0.45, 10)).toBe('[#####-----]');
    expect(progressBar(1.7, 10)).toBe('[##########]');
    expect(progressBar(Number.NaN, 4)).toBe('[----]');
  });

  it('writes durations the way people read them', () => {
    expect(duration(42.4)).toBe('42s');
    expect(duration(65)).toBe('1m 05s');
    expect(duration(7380)).toBe('2h 03m');
  });

  it('shows the bar on a terminal and plain numbers otherwise, with state, ETA, lag and last error', () => {
    const status = {
      state: 'backfilling',
      deliveredCount: 400,
      lag: 600,
      lastError: 'rate limited',
      backfill: { done: 400, total: 1000, percent: 40, etaSeconds: 30 },
    };
    expect(progressLine(status, false)).toBe(
      'backfilling  400/1000 (40.0%)  eta 30s  delivered 400  lag 600  last error: rate limited',
    );
    expect(progressLine(status, true)).toMatch(
      /^backfilling {2}\[#{12}-{18}\] 400\/1000 \(40\.0%\)/,
    );
    expect(
      progressLine(
        { state: 'live', deliveredCount: 5, lag: null, lastError: null, backfill: null },
        true,
      ),
    ).toBe('live  delivered 5');
  });

  it("prints the connector's note with when it was made, and nothing without one", () => {
    const base = { state: 'live', deliveredCount: 5, lag: null, lastError: null, backfill: null };
    expect(
      noteLine({ ...base, note: 'continuing in tab "R (2)"', noteAt: '2025-03-04T09:00:31.207Z' }),
    ).toBe('note (2025-03-04T09:00:31.207Z): continuing in tab "R (2)"');
    expect(noteLine({ ...base, note: null, noteAt: null })).toBeUndefined();
    expect(noteLine(base)).toBeUndefined();
  });
});
