import { submissionFingerprint } from './idempotency/fingerprint';
import {
  idempotencyKeyProblem,
  maxBatchItems,
  submitBatchBody,
  submitResponseBody,
} from './response-request';
import { uuidV7 } from './response-id';
import { answerErrors, envelopeErrors } from './submission-outcome';

describe('response request shapes', () => {
  const answers = [{ questionId: 'email', value: 'ada@example.org' }];

  it('accepts answers with optional submittedAt and metadata', () => {
    const body = {
      answers,
      submittedAt: 1_735_689_650_123,
      metadata: { source: 'web', hiddenFields: { a: 'b' }, locale: 'en' },
    };
    expect(submitResponseBody.parse(body)).toEqual(body);
  });

  it.each([
    ['an unknown top-level field', { answers, isAdmin: true }],
    ['an unknown metadata field', { answers, metadata: { orgId: 'x' } }],
    ['an unknown answer field', { answers: [{ questionId: 'a', value: 1, score: 3 }] }],
    ['a missing answers list', {}],
    ['an empty questionId', { answers: [{ questionId: '', value: 1 }] }],
    ['a non-string hidden field', { answers, metadata: { hiddenFields: { a: 1 } } }],
    ['a boolean submittedAt', { answers, submittedAt: true }],
  ])('refuses %s', (_what, body) => {
    expect(submitResponseBody.safeParse(body).success).toBe(false);
  });

  it(`bounds a batch to 1..${maxBatchItems} items and checks each item's idempotencyKey`, () => {
    expect(submitBatchBody.safeParse({ items: [] }).success).toBe(false);
    expect(
      submitBatchBody.safeParse({ items: Array(maxBatchItems + 1).fill({ answers }) }).success,
    ).toBe(false);
    expect(submitBatchBody.safeParse({ items: [{ answers, idempotencyKey: 'k-1' }] }).success).toBe(
      true,
    );
    expect(submitBatchBody.safeParse({ items: [{ answers, idempotencyKey: '' }] }).success).toBe(
      false,
    );
  });

  it.each([
    ['a UUID', '7f1c1f5e-0000-4000-8000-00000000000a', true],
    ['inner spaces', 'device 42 / response 7', true],
    ['255 characters', 'k'.repeat(255), true],
    ['empty', '', false],
    ['256 characters', 'k'.repeat(256), false],
    ['non-ASCII', 'clé', false],
    ['a control character', 'a\tb', false],
    ['a trailing space', 'abc ', false],
  ])('Idempotency-Key with %s is %s', (_what, key, ok) => {
    expect(idempotencyKeyProblem(key) === null).toBe(ok);
  });
});

describe('submission fingerprint', () => {
  const input = {
    answers: [{ questionId: 'a', value: 1 }],
    metadata: { source: 'web', locale: 'en' },
  };

  it('ignores key order, and differs for any other difference or another form', () => {
    const reordered = {
      metadata: { locale: 'en', source: 'web' },
      answers: [{ value: 1, questionId: 'a' }],
    };
    expect(submissionFingerprint('f', reordered)).toBe(submissionFingerprint('f', input));
    expect(
      submissionFingerprint('f', { ...input, answers: [{ questionId: 'a', value: '1' }] }),
    ).not.toBe(submissionFingerprint('f', input));
    expect(submissionFingerprint('g', input)).not.toBe(submissionFingerprint('f', input));
  });
});

describe('outcome mapping', () => {
  it('points each answer error at the offending answer, or at the list when the question was not answered', () => {
    const errors = answerErrors(
      [
        { questionId: 'b', code: 'wrong_type', message: 'm1' },
        { questionId: 'c', code: 'required', message: 'm2' },
        { questionId: null, code: 'invalid_answer', message: 'm3' },
      ],
      [{ questionId: 'a' }, { questionId: 'b' }],
    );
    expect(errors).toEqual([
      { path: '/answers/1', questionId: 'b', code: 'wrong_type', message: 'm1' },
      { path: '/answers', questionId: 'c', code: 'required', message: 'm2' },
      { path: '/answers', code: 'invalid_answer', message: 'm3' },
    ]);
  });

  it('points envelope errors at the metadata field or submittedAt', () => {
    expect(
      envelopeErrors([
        { field: 'locale', code: 'invalid_locale', message: 'x' },
        { field: 'submittedAt', code: 'invalid_submitted_at', message: 'y' },
      ]).map(({ path }) => path),
    ).toEqual(['/metadata/locale', '/submittedAt']);
  });
});

describe('uuidV7', () => {
  it('is a version 7 UUID whose first 48 bits are the time, so ids sort by creation', () => {
    const id = uuidV7(Date.UTC(2025, 0, 1));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2025, 0, 1));
    expect(uuidV7(1_000) < uuidV7(2_000)).toBe(true);
  });
});
