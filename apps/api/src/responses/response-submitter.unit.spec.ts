import type { ResponseSubmitted } from '@collect/events';
import { definition, question } from './domain/definition.testing';
import { RuleEngine } from './domain';
import type { Acquired, Claimed, ClaimRequest } from './idempotency/idempotency-store';
import {
  ResponseSubmitter,
  type IdempotencyClaims,
  type PublishedFormView,
} from './response-submitter';
import type { AcceptedResponse } from './submission-outcome';
import { CheckAndPublish } from './submission-pipeline';

const form: PublishedFormView = {
  formVersion: 4,
  status: 'published',
  definition: definition([question('email', 'email', {}, true)]),
};
const valid = { answers: [{ questionId: 'email', value: 'ada@example.org' }] };
const invalid = { answers: [{ questionId: 'email', value: 'nope' }] };

/** Claims in memory: enough to see what the submitter stores, forgets and releases. */
class FakeClaims implements IdempotencyClaims {
  readonly completed = new Map<string, AcceptedResponse>();
  readonly forgotten: string[] = [];
  readonly released: string[] = [];
  acquire = (_orgId: string, requests: readonly ClaimRequest[]) =>
    Promise.resolve(
      new Map<string, Acquired>(
        requests.map((r) => {
          const done = this.completed.get(r.key);
          return [r.key, done ? { kind: 'completed', key: r.key, outcome: done } : claimOf(r)];
        }),
      ),
    );
  complete = (
    _orgId: string,
    entries: readonly { claim: Claimed; outcome: AcceptedResponse }[],
  ) => {
    entries.forEach(({ claim, outcome }) => this.completed.set(claim.key, outcome));
    return Promise.resolve();
  };
  forget = (_orgId: string, claims: readonly Claimed[]) => {
    this.forgotten.push(...claims.map(({ key }) => key));
    return Promise.resolve();
  };
  release = (_orgId: string, claims: readonly Claimed[]) => {
    this.released.push(...claims.map(({ key }) => key));
    return Promise.resolve();
  };
}

const claimOf = (r: ClaimRequest): Claimed => ({
  kind: 'claimed',
  key: r.key,
  responseId: r.responseId,
  eventId: r.eventId,
  token: `t-${r.key}`,
  fresh: true,
});

describe('ResponseSubmitter', () => {
  let published: ResponseSubmitted[];
  let failNext: Error | undefined;
  let claims: FakeClaims;
  const submitter = (view: PublishedFormView | 'unknown' = form) =>
    new ResponseSubmitter(
      { publishedDefinition: () => (view === 'unknown' ? undefined : view) },
      new CheckAndPublish(
        {
          publish: (event) => {
            if (failNext) return Promise.reject(failNext);
            published.push(event);
            return Promise.resolve({
              topic: 'collect.responses.v1',
              partition: 3,
              offset: String(published.length - 1),
            });
          },
        },
        new RuleEngine(),
        5,
      ),
      claims,
      { retryAfterSeconds: 5, now: () => Date.UTC(2025, 4, 1) },
    );

  beforeEach(() => {
    published = [];
    failNext = undefined;
    claims = new FakeClaims();
  });

  it('publishes a valid response with the claimed ids and stores the accepted outcome under its key', async () => {
    const [outcome] = await submitter().submit('org-1', 'form-1', [
      { input: valid, idempotencyKey: 'k' },
    ]);
    expect(outcome).toEqual({
      status: 202,
      accepted: {
        responseId: published[0]!.responseId,
        formId: 'form-1',
        formVersion: 4,
        submittedAt: '2025-05-01T00:00:00.000Z',
        position: { topic: 'collect.responses.v1', partition: 3, offset: '0' },
      },
    });
    expect(published[0]).toMatchObject({
      orgId: 'org-1',
      idempotencyKey: 'k',
      answers: valid.answers,
      metadata: { source: 'api' },
    });
    expect(claims.completed.get('k')).toEqual((outcome as { accepted: AcceptedResponse }).accepted);
  });

  it('returns the stored outcome for a completed key without publishing again', async () => {
    const first = await submitter().submit('org-1', 'form-1', [
      { input: valid, idempotencyKey: 'k' },
    ]);
    const again = await submitter('unknown').submit('org-1', 'form-1', [
      { input: valid, idempotencyKey: 'k' },
    ]);
    expect(again).toEqual(first);
    expect(published).toHaveLength(1);
  });

  it('answers 503 with Retry-After when Kafka is unavailable and releases the claim for the retry', async () => {
    failNext = Object.assign(new Error('down'), { retriable: true, retryAfterSeconds: 7 });
    const [outcome] = await submitter().submit('org-1', 'form-1', [
      { input: valid, idempotencyKey: 'k' },
    ]);
    expect(outcome).toMatchObject({ status: 503, retryAfterSeconds: 7 });
    expect(claims.released).toEqual(['k']);
    expect(claims.completed.size).toBe(0);
  });

  it('forgets the claim of an invalid response (422), a closed form (409) and an unknown form (404)', async () => {
    const [bad] = await submitter().submit('org-1', 'form-1', [
      { input: invalid, idempotencyKey: 'a' },
    ]);
    const [closed] = await submitter({ ...form, status: 'closed' }).submit('org-1', 'form-1', [
      { input: valid, idempotencyKey: 'b' },
    ]);
    const [unknown] = await submitter('unknown').submit('org-1', 'form-1', [
      { input: valid, idempotencyKey: 'c' },
    ]);
    expect([bad?.status, closed?.status, unknown?.status]).toEqual([422, 409, 404]);
    expect(bad).toMatchObject({
      errors: [{ questionId: 'email', code: 'invalid_email', path: '/answers/0' }],
    });
    expect(claims.forgotten).toEqual(['a', 'b', 'c']);
    expect(published).toHaveLength(0);
  });

  it('answers one response without an Idempotency-Key the same way, touching no claim', async () => {
    const [ok] = await submitter().submit('org-1', 'form-1', [{ input: valid }]);
    expect(ok).toMatchObject({
      status: 202,
      accepted: { formVersion: 4, position: { partition: 3, offset: '0' } },
    });
    expect(published).toHaveLength(1);
    const [bad] = await submitter().submit('org-1', 'form-1', [{ input: invalid }]);
    const [closed] = await submitter({ ...form, status: 'closed' }).submit('org-1', 'form-1', [
      { input: valid },
    ]);
    const [unknown] = await submitter('unknown').submit('org-1', 'form-1', [{ input: valid }]);
    failNext = Object.assign(new Error('down'), { retriable: true, retryAfterSeconds: 7 });
    const [down] = await submitter().submit('org-1', 'form-1', [{ input: valid }]);
    failNext = new Error('a bug');
    const [broken] = await submitter().submit('org-1', 'form-1', [{ input: valid }]);
    expect([bad, closed, unknown, down, broken].map((o) => o?.status)).toEqual([
      422, 409, 404, 503, 500,
    ]);
    expect(down).toMatchObject({ retryAfterSeconds: 7 });
    expect(bad).toMatchObject({ errors: [{ questionId: 'email', path: '/answers/0' }] });
    expect(published).toHaveLength(1);
    expect([claims.completed.size, claims.forgotten, claims.released]).toEqual([0, [], []]);
  });

  it('reads a body still as JSON text in the pipeline: 202, or the 400 / 422 the HTTP layer would give', async () => {
    const ok = await submitter().submitJson('org-1', 'form-1', JSON.stringify(valid));
    const malformed = await submitter().submitJson('org-1', 'form-1', '{"answers": [');
    const polluted = await submitter().submitJson('org-1', 'form-1', '{"__proto__": {"x": 1}}');
    const unknownField = await submitter().submitJson(
      'org-1',
      'form-1',
      JSON.stringify({ ...valid, isAdmin: true }),
    );
    const closed = await submitter({ ...form, status: 'closed' }).submitJson(
      'org-1',
      'form-1',
      '{"answers": [',
    );
    expect([ok, malformed, polluted, unknownField, closed].map((o) => o.status)).toEqual([
      202, 400, 400, 422, 409,
    ]);
    expect(malformed).toMatchObject({ code: 'malformed-json' });
    expect(unknownField).toMatchObject({
      code: 'validation-failed',
      title: 'Validation failed',
      errors: [{ path: '/isAdmin', code: 'unrecognized_key' }],
    });
    expect(published).toHaveLength(1);
  });

  it('gives batch items outcomes in input order; a key repeated with the same body shares the outcome, with another body is 422', async () => {
    const outcomes = await submitter().submit('org-1', 'form-1', [
      { input: valid, idempotencyKey: 'k' },
      { input: invalid },
      { input: valid, idempotencyKey: 'k' },
      { input: invalid, idempotencyKey: 'k' },
      { input: valid },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([202, 422, 202, 422, 202]);
    expect(outcomes[2]).toEqual(outcomes[0]);
    expect(outcomes[3]).toMatchObject({ code: 'idempotency-key-reused' });
    expect(published).toHaveLength(2);
  });
});
