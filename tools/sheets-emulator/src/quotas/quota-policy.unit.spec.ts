import { GOOGLE_QUOTAS, QuotaPolicy } from './quota-policy';
import { SlidingWindow } from './sliding-window';

const alice = { user: 'alice@p1.iam.gserviceaccount.com', project: 'p1' };
const bob = { user: 'bob@p1.iam.gserviceaccount.com', project: 'p1' };

describe('SlidingWindow', () => {
  it('counts only the events of the last window, per key', () => {
    const window = new SlidingWindow(60_000);
    window.record('a', 0);
    window.record('a', 30_000);
    window.record('b', 30_000);
    expect(window.count('a', 59_999)).toBe(2);
    expect(window.count('a', 60_000)).toBe(1);
    expect(window.count('a', 90_000)).toBe(0);
    expect(window.count('b', 60_000)).toBe(1);
  });

  it('says when the oldest counted event leaves the window', () => {
    const window = new SlidingWindow(1_000);
    expect(window.nextFreeAt('a', 5)).toBe(5);
    window.record('a', 10);
    window.record('a', 400);
    expect(window.nextFreeAt('a', 500)).toBe(1_010);
  });
});

describe('QuotaPolicy', () => {
  const policy = (overrides = {}) =>
    new QuotaPolicy({
      ...GOOGLE_QUOTAS,
      writesPerMinutePerUser: 3,
      writesPerMinutePerProject: 5,
      ...overrides,
    });

  it('admits exactly the per-user quota in any rolling minute, then answers 429 RESOURCE_EXHAUSTED', () => {
    const quotas = policy();
    expect([0, 1, 2].map((t) => quotas.admit('write', alice, t))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    const refused = quotas.admit('write', alice, 59_000);
    expect(refused?.httpStatus).toBe(429);
    expect(refused?.body().error).toMatchObject({
      code: 429,
      status: 'RESOURCE_EXHAUSTED',
      message: expect.stringContaining("limit 'Write requests per minute per user'") as string,
    });
    expect(refused?.details[0]).toMatchObject({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'RATE_LIMIT_EXCEEDED',
      metadata: { quota_limit: 'WriteRequestsPerMinutePerUser', quota_limit_value: '3' },
    });
    expect(quotas.admit('write', alice, 60_000)).toBeUndefined();
  });

  it('does not count refused requests: a client retrying against a 429 does not extend its wait', () => {
    const quotas = policy({ writesPerMinutePerUser: 1 });
    expect(quotas.admit('write', alice, 0)).toBeUndefined();
    for (let t = 1; t < 60_000; t += 10_000) expect(quotas.admit('write', alice, t)).toBeDefined();
    expect(quotas.admit('write', alice, 60_000)).toBeUndefined();
  });

  it('shares the per-project quota between the project’s users', () => {
    const quotas = policy();
    for (let t = 0; t < 3; t++) expect(quotas.admit('write', alice, t)).toBeUndefined();
    for (let t = 3; t < 5; t++) expect(quotas.admit('write', bob, t)).toBeUndefined();
    const refused = quotas.admit('write', bob, 6);
    expect(refused?.message).toContain("limit 'Write requests per minute'");
    expect(refused?.details[0]).toMatchObject({
      metadata: { quota_limit: 'WriteRequestsPerMinutePerProject' },
    });
    expect(
      quotas.admit('write', { user: 'carol@p2.iam.gserviceaccount.com', project: 'p2' }, 6),
    ).toBeUndefined();
  });

  it('counts reads and writes against separate quotas', () => {
    const quotas = policy({ readsPerMinutePerUser: 1 });
    expect(quotas.admit('read', alice, 0)).toBeUndefined();
    expect(quotas.admit('read', alice, 1)?.message).toContain("'Read requests'");
    expect(quotas.admit('write', alice, 2)).toBeUndefined();
  });

  it('sends Retry-After only when told to (Google sends none)', () => {
    expect(policy({ writesPerMinutePerUser: 0 }).admit('write', alice, 0)?.headers).toEqual({});
    expect(
      policy({ writesPerMinutePerUser: 0, retryAfterSeconds: 7 }).admit('write', alice, 0)?.headers,
    ).toEqual({ 'retry-after': '7' });
  });
});
