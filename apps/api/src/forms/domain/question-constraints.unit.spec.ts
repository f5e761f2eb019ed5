import type { QuestionConstraints, QuestionType } from '@collect/events';
import { created, formId, given, history, question } from './form-decider.testing';

const add = (type: QuestionType, constraints: Partial<QuestionConstraints>, extra = {}) =>
  given(history(created)).when({
    type: 'AddQuestion',
    formId,
    expectedVersion: 1,
    question: question('q', type, constraints, extra),
  });
const accepted = (type: QuestionType, constraints: Partial<QuestionConstraints>) => () =>
  add(type, constraints).then([expect.objectContaining({ type: 'QuestionAdded' })]);
const options = (...optionIds: string[]) =>
  optionIds.map((optionId) => ({ optionId, label: `Label ${optionId}` }));

describe('a question is accepted when its constraints fit its type', () => {
  it.each<[QuestionType, Partial<QuestionConstraints>]>([
    ['short_text', { minLength: 2, maxLength: 500, pattern: '[A-Z]{2}\\d+' }],
    ['long_text', { maxLength: 10_000 }],
    ['number', { min: -1.5, max: 10, integer: true }],
    ['number', { min: 5, max: 5 }],
    ['email', {}],
    ['phone', {}],
    ['single_choice', { options: options('yes', 'no') }],
    ['multiple_choice', { options: options('a', 'b', 'c'), minSelected: 1, maxSelected: 3 }],
    ['date', { minDate: '2024-02-29', maxDate: '2030-12-31' }],
    ['boolean', {}],
    ['rating', { min: 1, max: 5 }],
    ['rating', { min: 0, max: 10 }],
  ])('%s with %j', (type, constraints) => accepted(type, constraints)());
});

describe('a question is rejected when its constraints do not fit its type', () => {
  it.each<[string, QuestionType, Partial<QuestionConstraints>, string]>([
    ['a constraint of another type', 'email', { min: 1 }, 'min'],
    ['options on a text question', 'short_text', { options: options('a') }, 'options'],
    ['minLength above maxLength', 'short_text', { minLength: 5, maxLength: 4 }, 'minLength'],
    ['a negative length', 'short_text', { minLength: -1 }, 'minLength'],
    ['a fractional length', 'long_text', { maxLength: 2.5 }, 'maxLength'],
    ['short_text maxLength over 500', 'short_text', { maxLength: 501 }, 'maxLength'],
    ['long_text maxLength over 10000', 'long_text', { maxLength: 10_001 }, 'maxLength'],
    ['a pattern that does not compile', 'short_text', { pattern: '[a-' }, 'pattern'],
    ['a pattern over 500 characters', 'short_text', { pattern: 'a'.repeat(501) }, 'pattern'],
    ['an empty pattern', 'short_text', { pattern: '' }, 'pattern'],
    ['a catastrophic nested repetition', 'short_text', { pattern: '(a+)+$' }, 'pattern'],
    ['a backreference (not RE2)', 'short_text', { pattern: '(a)\\1' }, 'pattern'],
    ['a lookahead (not RE2)', 'short_text', { pattern: '(?=a)a' }, 'pattern'],
    ['number min above max', 'number', { min: 10, max: 1 }, 'min'],
    ['a non-finite bound', 'number', { max: Infinity }, 'max'],
    ['a choice question without options', 'single_choice', {}, 'options'],
    ['an empty options list', 'multiple_choice', { options: [] }, 'options'],
    ['duplicate option ids', 'single_choice', { options: options('a', 'a') }, 'options[1]'],
    ['an option id with spaces', 'single_choice', { options: options('a b') }, 'options[0]'],
    [
      'an option without label',
      'single_choice',
      { options: [{ optionId: 'a', label: ' ' }] },
      'options[0]',
    ],
    [
      'minSelected on single_choice',
      'single_choice',
      { options: options('a'), minSelected: 1 },
      'minSelected',
    ],
    [
      'maxSelected above the option count',
      'multiple_choice',
      { options: options('a', 'b'), maxSelected: 3 },
      'maxSelected',
    ],
    [
      'minSelected above maxSelected',
      'multiple_choice',
      { options: options('a', 'b'), minSelected: 2, maxSelected: 1 },
      'minSelected',
    ],
    ['a date that is not YYYY-MM-DD', 'date', { minDate: '01/02/2024' }, 'minDate'],
    ['a date that does not exist', 'date', { maxDate: '2023-02-29' }, 'maxDate'],
    ['minDate after maxDate', 'date', { minDate: '2024-05-01', maxDate: '2024-04-30' }, 'minDate'],
    ['a rating without bounds', 'rating', {}, 'min'],
    ['a rating scale over 10', 'rating', { min: 1, max: 11 }, 'max'],
    ['a rating with fractional max', 'rating', { min: 1, max: 4.5 }, 'max'],
    ['a rating starting at 2', 'rating', { min: 2, max: 5 }, 'min'],
    ['a rating with min = max', 'rating', { min: 1, max: 1 }, 'max'],
    ['integer on a rating', 'rating', { min: 1, max: 5, integer: true }, 'integer'],
  ])('%s', (_, type, constraints, field) => {
    add(type, constraints).then({
      code: 'invalid_question',
      details: { path: `question.constraints.${field}`, questionId: 'q' },
    });
  });
});

describe('a question is rejected when its own fields are invalid', () => {
  it.each([
    ['an id that is not a CEL identifier', { questionId: '1st' }, 'questionId'],
    ['an id with a dash', { questionId: 'first-name' }, 'questionId'],
    ['an id over 64 characters', { questionId: 'q'.repeat(65) }, 'questionId'],
    ['an unknown type', { type: 'color' }, 'type'],
    ['an empty title', { title: '  ' }, 'title'],
    ['a title over 500 characters', { title: 't'.repeat(501) }, 'title'],
    ['a description over 2000 characters', { description: 'd'.repeat(2001) }, 'description'],
    ['a non-boolean required', { required: 'yes' }, 'required'],
  ])('%s', (_, extra, path) => {
    add('short_text', {}, extra).then({
      code: 'invalid_question',
      details: { path: `question.${path}` },
    });
  });
});
