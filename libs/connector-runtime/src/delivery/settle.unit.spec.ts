import { responseAt } from '../testing/messages.testing';
import { delivered, done, type Resolution } from './resolution';
import { settle } from './settle';

const messages = [10, 11, 12, 13].map((offset) => responseAt(offset));
const resolutions = (...list: Resolution[]) =>
  new Map(list.map((resolution, index) => [BigInt(10 + index), resolution]));

describe('settling one integration’s round', () => {
  it('moves the cursor to the end of the range when every response is delivered, failed or already done', () => {
    const settlement = settle(
      10n,
      20n,
      messages,
      resolutions(done, delivered, { kind: 'failed', reason: 'permanent_failure: no' }, delivered),
    );
    expect(settlement).toMatchObject({ nextCursor: 20n, complete: true, waiting: 0 });
    expect(settlement.delivered.map((m) => m.position.offset)).toEqual([11n, 13n]);
    expect(settlement.failed.map((f) => f.reason)).toEqual(['permanent_failure: no']);
  });

  it('stops the cursor at the first response left for later, so nothing after it is skipped', () => {
    const settlement = settle(
      10n,
      20n,
      messages,
      resolutions(
        delivered,
        { kind: 'retry-later', reason: 'retry_later: 503', retryAfterMs: 2_000 },
        { kind: 'retry-later', reason: 'not attempted' },
        { kind: 'unconfirmed', reason: 'deliver timed out' },
      ),
    );
    expect(settlement).toMatchObject({
      nextCursor: 11n,
      complete: false,
      waiting: 3,
      retryAfterMs: 2_000,
      lastError: 'retry_later: 503',
      oldestWaiting: messages[1]!.position.timestamp,
    });
    expect(settlement.released.map((m) => m.position.offset)).toEqual([11n, 12n]);
  });

  it('treats a response without an outcome as unconfirmed: its claim stays for reconciliation', () => {
    const settlement = settle(10n, 20n, messages, resolutions(delivered, delivered));
    expect(settlement).toMatchObject({ nextCursor: 12n, complete: false, released: [] });
  });

  it('says a round was throttled only when the runtime’s own rate limit stopped it, not the target', () => {
    const throttled = {
      kind: 'retry-later',
      reason: 'rate_limited: no tokens left',
      retryAfterMs: 900,
      throttled: true,
    } as const;
    expect(settle(10n, 20n, messages, resolutions(delivered, throttled, throttled))).toMatchObject({
      throttled: true,
      retryAfterMs: 900,
      nextCursor: 11n,
    });
    const refused = { kind: 'retry-later', reason: 'retry_later: 429' } as const;
    expect(settle(10n, 20n, messages, resolutions(delivered, refused, throttled)).throttled).toBe(
      false,
    );
    expect(settle(10n, 20n, messages, resolutions(delivered, delivered)).throttled).toBe(false);
  });

  it('never moves a cursor backwards', () => {
    expect(settle(30n, 20n, [], new Map()).nextCursor).toBe(30n);
  });
});
