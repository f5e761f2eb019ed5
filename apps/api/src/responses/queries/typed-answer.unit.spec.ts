import { answerCell, answerOf, type AnswerRow } from './typed-answer';

const row = (values: Partial<AnswerRow>): AnswerRow => ({
  response_id: 'r',
  question_id: 'q',
  value_text: null,
  value_number: null,
  value_boolean: null,
  value_date: null,
  value_choices: null,
  ...values,
});

describe('typed answers', () => {
  it.each([
    ['text', { value_text: 'hello' }, 'hello'],
    ['a number', { value_number: -12.5 }, -12.5],
    ['zero', { value_number: 0 }, 0],
    ['false', { value_boolean: false }, false],
    ['a date', { value_date: '1990-05-17' }, '1990-05-17'],
    ['picked options', { value_choices: ['cat', 'dog'] }, ['cat', 'dog']],
  ])('answer %s with its own JSON type', (_what, values, value) => {
    expect(answerOf(row(values))).toEqual({ questionId: 'q', value });
  });

  it.each([
    ['a negative number as a number', { value_number: -3 }, '-3'],
    ['false', { value_boolean: false }, 'false'],
    ['picked options joined with ;', { value_choices: ['cat', 'dog'] }, 'cat;dog'],
    ['formula-like text neutralised', { value_text: '=1+1' }, "'=1+1"],
    ['an option id that looks like a formula neutralised', { value_choices: ['-x'] }, "'-x"],
    ['no value as an empty cell', {}, ''],
  ])('write %s in CSV', (_what, values, cell) => {
    expect(answerCell(row(values))).toBe(cell);
  });

  it('writes an unanswered question as an empty cell', () => {
    expect(answerCell(undefined)).toBe('');
  });
});
