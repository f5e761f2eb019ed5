import { clock, ProgressPrinter, progressLine } from './rebuild-progress';

describe('rebuild progress', () => {
  it('says events done out of the total, the rate since the last sample and the time left', () => {
    expect(
      progressLine(
        { done: 100_000n, total: 1_000_000n, atMs: 0 },
        { done: 300_000n, total: 1_000_000n, atMs: 10_000 },
      ),
    ).toBe('300,000 / 1,000,000 events (30.0%), 20,000 events/s, ETA 0:35');
  });

  it('has no rate before a second sample and no time left once done', () => {
    expect(progressLine(undefined, { done: 0n, total: 10n, atMs: 0 })).toBe(
      '0 / 10 events (0.0%), – events/s, ETA unknown',
    );
    expect(
      progressLine({ done: 5n, total: 10n, atMs: 0 }, { done: 10n, total: 10n, atMs: 1_000 }),
    ).toBe('10 / 10 events (100.0%), 5 events/s, ETA 0:00');
  });

  it('formats durations as m:ss or h:mm:ss', () => {
    expect([clock(5), clock(65.2), clock(3_726)]).toEqual(['0:05', '1:06', '1:02:06']);
  });

  it('prints a new line every few seconds when not a terminal, never rewriting one', () => {
    const written: string[] = [];
    const printer = new ProgressPrinter(
      { isTTY: false, write: (text) => written.push(text) },
      5_000,
    );
    for (let at = 0; at <= 12_000; at += 1_000) {
      printer.sample({ done: BigInt(at), total: 12_000n, atMs: at });
    }
    printer.say('switched');
    expect(written).toHaveLength(4);
    expect(written.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
    expect(written[2]).toBe('10,000 / 12,000 events (83.3%), 1,000 events/s, ETA 0:02\n');
  });

  it('rewrites one line in place on a terminal', () => {
    const written: string[] = [];
    const printer = new ProgressPrinter({ isTTY: true, write: (text) => written.push(text) });
    printer.sample({ done: 1n, total: 2n, atMs: 0 });
    printer.sample({ done: 2n, total: 2n, atMs: 1_000 });
    printer.say('done');
    expect(written[0]!.startsWith('\r')).toBe(true);
    expect(written.slice(2)).toEqual(['\n', 'done\n']);
  });
});
