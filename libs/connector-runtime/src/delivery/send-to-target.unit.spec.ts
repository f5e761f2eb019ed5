import type { DeliveryOutcome, RateLimit } from '../contract/connector';
import type { RuntimeConnector } from '../contract/runtime-connector';
import type { Grant, TokenBuckets } from '../rate-limit/token-buckets';
import { StatusNotes } from '../status/status-notes';
import { responseAt } from '../testing/messages.testing';
import { sendToTarget } from './send-to-target';

const target = {
  integrationId: 'i-1',
  orgId: 'o-1',
  formId: 'form-1',
  name: null,
  config: {},
  version: 1,
};
const never = new AbortController().signal;

function connector(
  overrides: Partial<RuntimeConnector> = {},
): RuntimeConnector & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    type: 'test',
    configSchema: { type: 'object' },
    idempotent: false,
    deliver: (_target, responses) => {
      calls.push(responses.map((r) => r.response.responseId));
      return Promise.resolve(
        responses.map((r): DeliveryOutcome => ({
          responseId: r.response.responseId,
          status: 'delivered',
        })),
      );
    },
    ...overrides,
  };
}

const unlimited = {
  take: (_l: readonly RateLimit[], wanted: number): Promise<Grant> =>
    Promise.resolve({ responses: wanted, retryAfterMs: 0 }),
} as unknown as TokenBuckets;
const context = (c: RuntimeConnector, buckets = unlimited) => ({
  connector: c,
  buckets,
  stopping: never,
  notes: new StatusNotes(),
});
const kinds = (resolutions: Map<bigint, { kind: string }>) =>
  [...resolutions].sort(([a], [b]) => Number(a - b)).map(([offset, r]) => `${offset}:${r.kind}`);

describe('sending one integration’s responses', () => {
  it('sends in offset order, in chunks of the connector’s batch size', async () => {
    const c = connector({ maxBatchSize: 2 });
    const fresh = [3, 1, 2].map((o) => responseAt(o));
    const resolutions = await sendToTarget(context(c), target, fresh, []);
    expect(kinds(resolutions)).toEqual(['1:delivered', '2:delivered', '3:delivered']);
    expect(c.calls.map((call) => call.length)).toEqual([2, 1]);
    expect(c.calls.flat()).toEqual([1, 2, 3].map((o) => responseAt(o).responseId));
  });

  it('stops at the first chunk with a response not delivered: later ones are not attempted (per-form order)', async () => {
    const second = responseAt(2).responseId;
    let calls = 0;
    const c = connector({
      maxBatchSize: 2,
      deliver: (_t, responses) =>
        Promise.resolve(++calls).then(() =>
          responses.map((r): DeliveryOutcome =>
            r.response.responseId === second
              ? { responseId: second, status: 'retry-later', reason: '503', retryAfterMs: 500 }
              : { responseId: r.response.responseId, status: 'delivered' },
          ),
        ),
    });
    const resolutions = await sendToTarget(
      context(c),
      target,
      [1, 2, 3, 4].map((o) => responseAt(o)),
      [],
    );
    expect(kinds(resolutions)).toEqual([
      '1:delivered',
      '2:retry-later',
      '3:retry-later',
      '4:retry-later',
    ]);
    expect(calls).toBe(1);
    expect(resolutions.get(2n)).toMatchObject({ retryAfterMs: 500 });
  });

  it('counts a retriable throw as unconfirmed (perhaps landed), and rethrows any other throw as a bug', async () => {
    const retriable = connector({
      deliver: () => Promise.reject(Object.assign(new Error('ECONNRESET'), { retriable: true })),
    });
    const resolutions = await sendToTarget(context(retriable), target, [responseAt(1)], []);
    expect(resolutions.get(1n)).toMatchObject({
      kind: 'unconfirmed',
      reason: 'deliver failed: ECONNRESET',
    });

    const buggy = connector({ deliver: () => Promise.reject(new TypeError('x is undefined')) });
    await expect(sendToTarget(context(buggy), target, [responseAt(1)], [])).rejects.toMatchObject({
      code: 'connector_failed',
      retriable: false,
    });
  });

  it('asks reconcile about unconfirmed claims: landed ones count as delivered, the others are sent again before new ones', async () => {
    const c = connector({ reconcile: () => Promise.resolve([responseAt(1).responseId]) });
    const resolutions = await sendToTarget(
      context(c),
      target,
      [responseAt(3)],
      [responseAt(1), responseAt(2)],
    );
    expect(kinds(resolutions)).toEqual(['1:delivered', '2:delivered', '3:delivered']);
    expect(c.calls).toEqual([[responseAt(2).responseId, responseAt(3).responseId]]);
  });

  it('never sends an unconfirmed claim twice when the connector can neither reconcile nor dedupe: it is dead-lettered', async () => {
    const c = connector();
    const resolutions = await sendToTarget(context(c), target, [], [responseAt(1)]);
    expect(resolutions.get(1n)).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/^unconfirmed/) as unknown,
    });
    expect(c.calls).toEqual([]);
  });

  it('re-sends unconfirmed claims when the connector is idempotent', async () => {
    const c = connector({ idempotent: true });
    await sendToTarget(context(c), target, [], [responseAt(1)]);
    expect(c.calls).toEqual([[responseAt(1).responseId]]);
  });

  it('sends only what the rate limit grants and leaves the rest for later with the wait it needs', async () => {
    const c = connector({
      rateLimits: () => [{ bucket: 'b', capacity: 1, refillPerSecond: 1, per: 'response' }],
    });
    let calls = 0;
    const buckets = {
      take: (_l: readonly RateLimit[], wanted: number): Promise<Grant> =>
        Promise.resolve(
          calls++ === 0
            ? { responses: Math.min(wanted, 2), retryAfterMs: 0 }
            : { responses: 0, retryAfterMs: 750 },
        ),
    } as unknown as TokenBuckets;
    const resolutions = await sendToTarget(
      context(c, buckets),
      target,
      [1, 2, 3].map((o) => responseAt(o)),
      [],
    );
    expect(kinds(resolutions)).toEqual(['1:delivered', '2:delivered', '3:retry-later']);
    expect(resolutions.get(3n)).toMatchObject({
      retryAfterMs: 750,
      throttled: true,
      reason: expect.stringMatching(/^rate_limited/) as unknown,
    });
  });

  it('spends a per-call token on a short last chunk only when the range was read from this integration’s cursor', async () => {
    const perCall: RateLimit[] = [{ bucket: 'b', capacity: 1, refillPerSecond: 1, per: 'call' }];
    let taken = 0;
    const counting = {
      take: (_l: readonly RateLimit[], wanted: number): Promise<Grant> => {
        taken++;
        return Promise.resolve({ responses: wanted, retryAfterMs: 0 });
      },
    } as unknown as TokenBuckets;
    const send = (c: RuntimeConnector, truncated: boolean) =>
      sendToTarget(
        context(c, counting),
        target,
        [1, 2, 3].map((o) => responseAt(o)),
        [],
        {
          truncated,
        },
      );

    const cut = await send(connector({ maxBatchSize: 2, rateLimits: () => perCall }), true);
    expect(kinds(cut)).toEqual(['1:delivered', '2:delivered', '3:retry-later']);
    expect(cut.get(3n)).toMatchObject({ throttled: true, retryAfterMs: 0 });
    expect(taken).toBe(1);

    const own = await send(connector({ maxBatchSize: 2, rateLimits: () => perCall }), false);
    expect(kinds(own)).toEqual(['1:delivered', '2:delivered', '3:delivered']);
    const perResponse = perCall.map((limit) => ({ ...limit, per: 'response' as const }));
    const unmetered = await send(
      connector({ maxBatchSize: 2, rateLimits: () => perResponse }),
      true,
    );
    expect(kinds(unmetered)).toEqual(['1:delivered', '2:delivered', '3:delivered']);
  });

  it('gives a call that hangs up at its deadline and counts it unconfirmed', async () => {
    const c = connector({ callTimeoutMs: 20, deliver: () => new Promise(() => undefined) });
    const resolutions = await sendToTarget(context(c), target, [responseAt(1)], []);
    expect(resolutions.get(1n)).toMatchObject({ kind: 'unconfirmed', reason: 'deliver timed out' });
  });
});
