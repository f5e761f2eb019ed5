import { validateEnvelope } from './validate-envelope';

const now = Date.UTC(2025, 5, 1, 12, 0, 0);
const minutes = (n: number) => n * 60 * 1000;
const fieldsOf = (result: ReturnType<typeof validateEnvelope>) =>
  result.ok ? [] : result.errors.map((error) => [error.field, error.code]);

describe('the response envelope', () => {
  it('defaults to no hidden fields, no locale, source "api" and submittedAt now', () => {
    expect(validateEnvelope({}, now)).toEqual({
      ok: true,
      metadata: { hiddenFields: {}, locale: null, source: 'api' },
      submittedAt: now,
    });
  });

  it('accepts and normalises every field at its limits', () => {
    const hiddenFields = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [
        `k${i}.x-${'y'.repeat(58)}`.slice(0, 64),
        'v'.repeat(1000),
      ]),
    );
    const result = validateEnvelope(
      {
        hiddenFields,
        locale: 'zh-hant-tw',
        source: 's'.repeat(64),
        submittedAt: '2025-06-01T14:04:59+02:00',
      },
      now,
    );
    expect(result).toEqual({
      ok: true,
      metadata: { hiddenFields, locale: 'zh-Hant-TW', source: 's'.repeat(64) },
      submittedAt: now + minutes(5) - 1000,
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      '51 hidden fields',
      { hiddenFields: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
      'hiddenFields',
    ],
    [
      'a hidden field key over 64 characters',
      { hiddenFields: { ['k'.repeat(65)]: 'v' } },
      'hiddenFields',
    ],
    ['a hidden field key with a space', { hiddenFields: { 'utm source': 'v' } }, 'hiddenFields'],
    [
      'a hidden field value over 1000 characters',
      { hiddenFields: { k: 'v'.repeat(1001) } },
      'hiddenFields',
    ],
    ['a non-string hidden field value', { hiddenFields: { k: 1 } }, 'hiddenFields'],
    ['hidden fields as a list', { hiddenFields: ['a'] }, 'hiddenFields'],
    ['a locale with an underscore', { locale: 'en_US' }, 'locale'],
    ['a locale over 35 characters', { locale: `en-${'abcdefgh-'.repeat(4)}` }, 'locale'],
    ['a locale that is not a string', { locale: 1 }, 'locale'],
    ['an empty source', { source: '' }, 'source'],
    ['a source over 64 characters', { source: 's'.repeat(65) }, 'source'],
    ['a source with spaces', { source: 'my app' }, 'source'],
    ['submittedAt more than 5 minutes ahead', { submittedAt: now + minutes(5) + 1 }, 'submittedAt'],
    ['submittedAt before 2000', { submittedAt: Date.UTC(1999, 11, 31, 23, 59, 59) }, 'submittedAt'],
    ['submittedAt without an offset', { submittedAt: '2025-06-01T12:00:00' }, 'submittedAt'],
    ['submittedAt as a date only', { submittedAt: '2025-06-01' }, 'submittedAt'],
    ['submittedAt as a fraction of a millisecond', { submittedAt: 1.5 + now }, 'submittedAt'],
  ])('rejects %s', (_, envelope, field) => {
    expect(fieldsOf(validateEnvelope(envelope, now)).map(([f]) => f)).toEqual([field]);
  });

  it('accepts submittedAt exactly 5 minutes ahead and exactly at 2000-01-01', () => {
    expect(validateEnvelope({ submittedAt: now + minutes(5) }, now).ok).toBe(true);
    expect(validateEnvelope({ submittedAt: Date.UTC(2000, 0, 1) }, now).ok).toBe(true);
  });

  it('reports every bad field at once', () => {
    expect(
      fieldsOf(
        validateEnvelope({ hiddenFields: 'x', locale: '!', source: 1, submittedAt: 'soon' }, now),
      ),
    ).toEqual([
      ['hiddenFields', 'invalid_hidden_fields'],
      ['locale', 'invalid_locale'],
      ['source', 'invalid_source'],
      ['submittedAt', 'invalid_submitted_at'],
    ]);
  });
});
