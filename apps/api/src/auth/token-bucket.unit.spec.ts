import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  it('allows a burst, then refuses with the seconds until the next token', () => {
    const buckets = new TokenBuckets({ perSecond: 2, burst: 3 });
    for (let i = 0; i < 3; i++) expect(buckets.take('k', 0)).toEqual({ allowed: true });
    expect(buckets.take('k', 0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills at the configured rate, never above the burst', () => {
    const buckets = new TokenBuckets({ perSecond: 10, burst: 2 });
    buckets.take('k', 0);
    buckets.take('k', 0);
    expect(buckets.take('k', 50).allowed).toBe(false);
    expect(buckets.take('k', 100).allowed).toBe(true);
    // A long idle time refills to the burst only.
    expect([1, 2, 3].map(() => buckets.take('k', 60_000).allowed)).toEqual([true, true, false]);
  });

  it('rounds Retry-After up to whole seconds for slow rates', () => {
    const buckets = new TokenBuckets({ perSecond: 0.25, burst: 1 });
    buckets.take('k', 0);
    expect(buckets.take('k', 0)).toEqual({ allowed: false, retryAfterSeconds: 4 });
  });

  it('keeps one bucket per caller', () => {
    const buckets = new TokenBuckets({ perSecond: 1, burst: 1 });
    expect(buckets.take('a', 0).allowed).toBe(true);
    expect(buckets.take('a', 0).allowed).toBe(false);
    expect(buckets.take('b', 0).allowed).toBe(true);
  });

  it('keeps at most maxCallers buckets, dropping the least recently used', () => {
    const buckets = new TokenBuckets({ perSecond: 1, burst: 1 }, 2);
    buckets.take('a', 0);
    buckets.take('b', 0);
    buckets.take('a', 0); // a is now the most recently used
    buckets.take('c', 0); // evicts b
    expect(buckets.take('a', 0).allowed).toBe(false);
    expect(buckets.take('b', 0).allowed).toBe(true);
  });
});
