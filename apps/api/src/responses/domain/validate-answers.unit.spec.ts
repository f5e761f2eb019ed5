import { definition, options, question } from './definition.testing';
import { RuleEngine } from './rule-engine';
import { validateAnswers } from './validate-answers';

// expect's asymmetric matchers are typed any; as unknown they satisfy the unsafe-any lint rules.
const anyText: unknown = expect.any(String);
const textContaining = (text: string): unknown => expect.stringContaining(text);
const textMatching = (pattern: RegExp): unknown => expect.stringMatching(pattern);

const engine = new RuleEngine();
const form = definition([
  question('name', 'short_text', {}, true),
  question('age', 'number', { min: 0 }),
  question('colors', 'multiple_choice', { options: options('red', 'blue') }, true),
  question('newsletter', 'boolean'),
]);
const validate = (answers: unknown) => validateAnswers(form, answers, engine);

describe('required and optional questions', () => {
  it('accepts required answers alone and leaves omitted optional questions out', () => {
    expect(
      validate([
        { questionId: 'colors', value: ['red'] },
        { questionId: 'name', value: 'Ada' },
      ]),
    ).toEqual({
      ok: true,
      answers: [
        { questionId: 'name', value: 'Ada' },
        { questionId: 'colors', value: ['red'] },
      ],
    });
  });

  it('returns answers in the order of the definition, not of the submission', () => {
    const result = validate([
      { questionId: 'newsletter', value: true },
      { questionId: 'age', value: 36 },
      { questionId: 'colors', value: ['blue'] },
      { questionId: 'name', value: 'Ada' },
    ]);
    expect(result.ok && result.answers.map((answer) => answer.questionId)).toEqual([
      'name',
      'age',
      'colors',
      'newsletter',
    ]);
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['an empty string', ''],
    ['blank text', '   '],
  ])('reports a required question %s as required', (_, value) => {
    const answers = [
      { questionId: 'colors', value: ['red'] },
      ...(value === undefined ? [] : [{ questionId: 'name', value }]),
    ];
    expect(validate(answers)).toEqual({
      ok: false,
      errors: [{ questionId: 'name', code: 'required', message: textMatching(/required/) }],
    });
  });

  it('reports an empty list for a required multiple choice as required', () => {
    expect(
      validate([
        { questionId: 'name', value: 'Ada' },
        { questionId: 'colors', value: [] },
      ]),
    ).toMatchObject({
      ok: false,
      errors: [{ questionId: 'colors', code: 'required' }],
    });
  });

  it('treats null, blank and empty answers to optional questions as not answered', () => {
    const result = validate([
      { questionId: 'name', value: 'Ada' },
      { questionId: 'colors', value: ['red'] },
      { questionId: 'age', value: null },
      { questionId: 'newsletter', value: '' },
    ]);
    expect(result).toEqual({
      ok: true,
      answers: [
        { questionId: 'name', value: 'Ada' },
        { questionId: 'colors', value: ['red'] },
      ],
    });
  });
});

describe('the shape of the submission', () => {
  it('reports an answer to a question the form does not have', () => {
    const result = validate([
      { questionId: 'name', value: 'Ada' },
      { questionId: 'colors', value: ['red'] },
      { questionId: 'shoe', value: 42 },
    ]);
    expect(result).toMatchObject({
      ok: false,
      errors: [{ questionId: 'shoe', code: 'unknown_question' }],
    });
  });

  it('reports a question answered twice, even when both answers are valid', () => {
    const result = validate([
      { questionId: 'name', value: 'Ada' },
      { questionId: 'colors', value: ['red'] },
      { questionId: 'name', value: 'Bob' },
    ]);
    expect(result).toMatchObject({
      ok: false,
      errors: [{ questionId: 'name', code: 'duplicate_answer' }],
    });
  });

  it.each([
    ['an object', { name: 'Ada' }],
    ['a string', 'Ada'],
    ['null', null],
  ])('rejects answers sent as %s', (_, input) => {
    expect(validate(input)).toMatchObject({
      ok: false,
      errors: [{ questionId: null, code: 'invalid_answers' }],
    });
  });

  it('reports malformed entries and still checks the rest', () => {
    const result = validate([
      { value: 'x' },
      'name',
      { questionId: 'name', value: 7 },
      { questionId: 'colors', value: ['red'] },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [
        { questionId: null, code: 'invalid_answer', message: textContaining('#1') },
        { questionId: null, code: 'invalid_answer', message: textContaining('#2') },
        { questionId: 'name', code: 'wrong_type', message: anyText },
      ],
    });
  });

  it('rejects more entries than a form can have questions without checking each', () => {
    const many = Array.from({ length: 201 }, (_, i) => ({ questionId: `q${i}`, value: 'x' }));
    expect(validate(many)).toMatchObject({
      ok: false,
      errors: [{ questionId: null, code: 'too_many_answers' }],
    });
  });

  it('reports every offending question once, with the first failing check', () => {
    const result = validate([
      { questionId: 'age', value: -1 },
      { questionId: 'age', value: 'x' },
      { questionId: 'newsletter', value: 'yes' },
    ]);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map(({ questionId, code }) => [questionId, code])).toEqual([
      ['age', 'below_min'],
      ['newsletter', 'wrong_type'],
      ['name', 'required'],
      ['colors', 'required'],
    ]);
  });
});
