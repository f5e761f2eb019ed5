import { submissionFingerprint } from './idempotency/fingerprint';
import { ApiError } from '../http';
import {
  idempotencyKeyProblem,
  maxBatchItems,
  plainlyFitsSubmission,
  readSubmitResponseBody,
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

  describe('the plain-shape shortcut of readSubmitResponseBody', () => {
    const typical = {
      answers: [
        { questionId: 'email', value: 'ada@example.org' },
        { questionId: 'age', value: 36 },
        { questionId: 'colour', value: ['red'] },
        { questionId: 'consent', value: true },
        { questionId: 'note', value: null },
      ],
      submittedAt: '2024-05-01T12:00:00Z',
      metadata: { source: 'web', hiddenFields: { campaign: 'spring' }, locale: 'en-GB' },
    };
    const bodies: [string, unknown][] = [
      ['a typical body', typical],
      ['answers only', { answers }],
      ['no answers', { answers: [] }],
      ['epoch submittedAt', { answers, submittedAt: 1_735_689_650_123 }],
      ['empty metadata', { answers, metadata: {} }],
      ['200 answers', { answers: Array(200).fill(answers[0]) }],
      ['201 answers', { answers: Array(201).fill(answers[0]) }],
      ['a 64-character questionId', { answers: [{ questionId: 'q'.repeat(64), value: 1 }] }],
      ['a 65-character questionId', { answers: [{ questionId: 'q'.repeat(65), value: 1 }] }],
      ['a 40-character submittedAt', { answers, submittedAt: 'x'.repeat(40) }],
      ['a 41-character submittedAt', { answers, submittedAt: 'x'.repeat(41) }],
      ['a null submittedAt', { answers, submittedAt: null }],
      ['a null metadata', { answers, metadata: null }],
      ['a null source', { answers, metadata: { source: null } }],
      ['a numeric locale', { answers, metadata: { locale: 5 } }],
      ['hiddenFields as a list', { answers, metadata: { hiddenFields: ['a'] } }],
      ['a null hidden field', { answers, metadata: { hiddenFields: { a: null } } }],
      ['an unknown top-level field', { answers, isAdmin: true }],
      ['an unknown metadata field', { answers, metadata: { orgId: 'x' } }],
      ['an unknown answer field', { answers: [{ questionId: 'a', value: 1, score: 3 }] }],
      ['a missing answers list', {}],
      ['answers as an object', { answers: { email: 'x' } }],
      ['an answer that is a list', { answers: [['email', 'x']] }],
      ['a null answer', { answers: [null] }],
      ['an answer without a value', { answers: [{ questionId: 'a' }] }],
      ['a numeric questionId', { answers: [{ questionId: 7, value: 1 }] }],
      ['an empty questionId', { answers: [{ questionId: '', value: 1 }] }],
      ['a list body', [typical]],
      ['a string body', 'answers'],
      ['a null body', null],
      ['an object with another prototype', Object.assign(Object.create({ answers }), {})],
    ];

    it.each(bodies)('takes %s as it is only where zod accepts it unchanged', (_what, body) => {
      const parsed = submitResponseBody.safeParse(body);
      if (plainlyFitsSubmission(body)) {
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(body);
      }
    });

    it('takes the typical bodies without zod and refuses the rest with its 422', () => {
      expect(plainlyFitsSubmission(typical)).toBe(true);
      expect(readSubmitResponseBody(typical)).toBe(typical);
      expect(() => readSubmitResponseBody({ answers, isAdmin: true })).toThrow(ApiError);
    });

    it('agrees with zod on thousands of mutations of a typical body', () => {
      const values: unknown[] = [
        null,
        0,
        -1.5,
        '',
        'x',
        'x'.repeat(41),
        true,
        [],
        [1],
        {},
        { a: 1 },
      ];
      const keys = [
        'answers',
        'submittedAt',
        'metadata',
        'questionId',
        'value',
        'source',
        'locale',
        'hiddenFields',
        'campaign',
        'extra',
      ];
      // Not structuredClone or JSON: under Jest they build objects of another realm than zod's.
      const clone = (value: unknown): unknown =>
        Array.isArray(value)
          ? value.map(clone)
          : value !== null && typeof value === 'object'
            ? Object.fromEntries(Object.entries(value).map(([key, member]) => [key, clone(member)]))
            : value;
      let seed = 42;
      const pick = <T>(list: readonly T[]): T => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return list[seed % list.length]!;
      };
      let taken = 0;
      for (let round = 0; round < 5_000; round++) {
        const body = clone(typical) as Record<string, unknown>;
        // Set a key of a random object inside the body to a random value.
        const targets: Record<string, unknown>[] = [body];
        const collect = (value: unknown): void => {
          if (value === null || typeof value !== 'object') return;
          // JSON gives arrays no named members: only objects get a key set.
          if (!Array.isArray(value)) targets.push(value as Record<string, unknown>);
          Object.values(value).forEach(collect);
        };
        Object.values(body).forEach(collect);
        pick(targets)[pick(keys)] = pick(values);
        const parsed = submitResponseBody.safeParse(body);
        if (plainlyFitsSubmission(body)) {
          taken++;
          expect(parsed.success).toBe(true);
          expect(parsed.data).toEqual(body);
        }
      }
      // The shortcut is taken for the mutations that keep the shape, not just refused throughout.
      expect(taken).toBeGreaterThan(100);
    });
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
    expect(uuidV7(2 ** 48 - 1).slice(0, 13)).toBe('ffffffff-ffff');
  });

  it('draws fresh random bits for every id, past the end of each random batch', () => {
    const ids = Array.from({ length: 1_000 }, () => uuidV7(1_000));
    expect(new Set(ids).size).toBe(ids.length);
    const randomHex = ids.map((id) => id.replace(/-/g, '').slice(13));
    // Each of the 19 random hex digits after the version nibble takes many values across ids.
    for (let digit = 0; digit < 19; digit++) {
      if (digit === 3) continue; // the variant nibble: 8, 9, a or b
      expect(new Set(randomHex.map((hex) => hex[digit])).size).toBeGreaterThan(12);
    }
  });
});
