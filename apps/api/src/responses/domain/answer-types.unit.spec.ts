import type { Question } from '@collect/events';
import { definition, options, question } from './definition.testing';
import { RuleEngine } from './rule-engine';
import { validateAnswers } from './validate-answers';

// expect's asymmetric matchers are typed any; as unknown they satisfy the unsafe-any lint rules.
const anyText: unknown = expect.any(String);

const engine = new RuleEngine();
const validateOne = (q: Question, value: unknown) =>
  validateAnswers(definition([q]), [{ questionId: q.questionId, value }], engine);

const short = question('q', 'short_text', { minLength: 2, pattern: '[A-Z]{2}-\\d{3}' });
const shortDefault = question('q', 'short_text');
const long = question('q', 'long_text', { maxLength: 20 });
const longDefault = question('q', 'long_text');
const number = question('q', 'number', { min: -10, max: 100.5 });
const integer = question('q', 'number', { integer: true });
const email = question('q', 'email');
const phone = question('q', 'phone');
const single = question('q', 'single_choice', { options: options('red', 'green') });
const multiple = question('q', 'multiple_choice', {
  options: options('a', 'b', 'c', 'd'),
  minSelected: 2,
  maxSelected: 3,
});
const date = question('q', 'date', { minDate: '2020-01-01', maxDate: '2030-12-31' });
const boolean = question('q', 'boolean');
const rating = question('q', 'rating', { min: 1, max: 5 });

describe('an answer that fits its question is accepted and normalised', () => {
  it.each<[string, Question, unknown, unknown]>([
    ['short_text matching the whole pattern', short, 'AB-123', 'AB-123'],
    ['short_text at the default 500-character cap', shortDefault, 'x'.repeat(500), 'x'.repeat(500)],
    [
      'short_text counting emoji as one character each',
      question('q', 'short_text', { maxLength: 2 }),
      '😀😀',
      '😀😀',
    ],
    ['long_text within maxLength', long, 'a'.repeat(20), 'a'.repeat(20)],
    [
      'long_text at the default 10,000-character cap',
      longDefault,
      'x'.repeat(10_000),
      'x'.repeat(10_000),
    ],
    ['number at min', number, -10, -10],
    ['number at a fractional max', number, 100.5, 100.5],
    ['integer number', integer, 42, 42],
    [
      'email, trimmed with a lower-cased domain',
      email,
      '  Jane.Doe+tag@Example.COM ',
      'Jane.Doe+tag@example.com',
    ],
    ['email with a subdomain', email, 'a@mail.example.co.uk', 'a@mail.example.co.uk'],
    ['phone in E.164', phone, '+14155552671', '+14155552671'],
    ['phone with spaces, normalised to E.164', phone, '+44 7911 123456', '+447911123456'],
    ['single_choice option', single, 'green', 'green'],
    ['multiple_choice within bounds', multiple, ['a', 'c'], ['a', 'c']],
    ['date within bounds', date, '2024-02-29', '2024-02-29'],
    ['date on the bounds', date, '2030-12-31', '2030-12-31'],
    ['boolean false (an answer, not a blank)', boolean, false, false],
    ['boolean true', boolean, true, true],
    ['rating at both ends', rating, 5, 5],
  ])('%s', (_, q, value, normalised) => {
    expect(validateOne(q, value)).toEqual({
      ok: true,
      answers: [{ questionId: 'q', value: normalised }],
    });
  });
});

describe('an answer that does not fit its question is rejected with one error saying what to enter', () => {
  it.each<[string, Question, unknown, string]>([
    ['text that is a number', short, 12, 'wrong_type'],
    ['text shorter than minLength', short, 'A', 'too_short'],
    ['text not matching the pattern', short, 'ab-123', 'pattern_mismatch'],
    ['text matching only part of the pattern', short, 'xAB-123x', 'pattern_mismatch'],
    ['short_text over the default 500 cap', shortDefault, 'x'.repeat(501), 'too_long'],
    ['long_text over maxLength', long, 'a'.repeat(21), 'too_long'],
    ['long_text over the default 10,000 cap', longDefault, 'x'.repeat(10_001), 'too_long'],
    ['number sent as a string', number, '5', 'wrong_type'],
    ['number that is NaN', number, NaN, 'wrong_type'],
    ['number that is Infinity', number, Infinity, 'wrong_type'],
    ['number below min', number, -10.01, 'below_min'],
    ['number above max', number, 101, 'above_max'],
    ['fraction for an integer question', integer, 1.5, 'not_integer'],
    ['email without @', email, 'jane.example.com', 'invalid_email'],
    ['email with two @', email, 'a@b@example.com', 'invalid_email'],
    ['email with an empty local part', email, '@example.com', 'invalid_email'],
    ['email without a dot in the domain', email, 'jane@localhost', 'invalid_email'],
    ['email with spaces', email, 'jane doe@example.com', 'invalid_email'],
    [
      'email over 254 characters',
      email,
      `${'a'.repeat(60)}@${'b'.repeat(200)}.com`,
      'invalid_email',
    ],
    ['email that is not a string', email, 42, 'invalid_email'],
    ['phone without country code', phone, '4155552671', 'invalid_phone'],
    ['phone that is too short', phone, '+12345', 'invalid_phone'],
    ['phone with letters', phone, '+1-800-FLOWERS', 'invalid_phone'],
    ['phone as a number', phone, 14155552671, 'invalid_phone'],
    ['single_choice with an unknown option', single, 'blue', 'unknown_option'],
    ['single_choice with a list', single, ['red'], 'unknown_option'],
    ['multiple_choice with a string', multiple, 'a', 'wrong_type'],
    ['multiple_choice with an unknown option', multiple, ['a', 'z'], 'unknown_option'],
    ['multiple_choice with a repeated option', multiple, ['a', 'a'], 'duplicate_option'],
    ['multiple_choice with too few', multiple, ['a'], 'too_few_selected'],
    ['multiple_choice with too many', multiple, ['a', 'b', 'c', 'd'], 'too_many_selected'],
    ['date in another format', date, '01/02/2024', 'invalid_date'],
    ['date that does not exist', date, '2023-02-29', 'invalid_date'],
    ['date with a time', date, '2024-01-01T00:00:00Z', 'invalid_date'],
    ['date before minDate', date, '2019-12-31', 'below_min'],
    ['date after maxDate', date, '2031-01-01', 'above_max'],
    ['boolean as a string', boolean, 'true', 'wrong_type'],
    ['boolean as 1', boolean, 1, 'wrong_type'],
    ['rating below the scale', rating, 0, 'below_min'],
    ['rating above the scale', rating, 6, 'above_max'],
    ['rating that is fractional', rating, 3.5, 'not_integer'],
    ['rating as a string', rating, '3', 'wrong_type'],
  ])('%s', (_, q, value, code) => {
    const result = validateOne(q, value);
    expect(result).toEqual({ ok: false, errors: [{ questionId: 'q', code, message: anyText }] });
  });
});
