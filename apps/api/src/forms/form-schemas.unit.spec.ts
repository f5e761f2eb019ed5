import { noConstraints } from '@collect/events';
import {
  addQuestionSchema,
  changeFormDetailsSchema,
  createFormSchema,
  expectedVersionQuerySchema,
  expectedVersionSchema,
  reorderQuestionsSchema,
  setRulesSchema,
} from './form-schemas';

const question = { questionId: 'age', type: 'number', title: 'Age?' };

describe('form command schemas', () => {
  it('fills a question to the contract shape: nulls for absent constraints, not required by default', () => {
    const parsed = addQuestionSchema.parse({
      expectedVersion: 1,
      question: { ...question, constraints: { min: 0, max: null } },
    });
    expect(parsed.question).toEqual({
      questionId: 'age',
      type: 'number',
      title: 'Age?',
      description: null,
      required: false,
      constraints: { ...noConstraints, min: 0 },
    });
  });

  it.each([
    ['an unknown body field', createFormSchema, { title: 't', orgId: 'x' }],
    [
      'an unknown question field',
      addQuestionSchema,
      { expectedVersion: 1, question: { ...question, x: 1 } },
    ],
    [
      'an unknown constraint',
      addQuestionSchema,
      { expectedVersion: 1, question: { ...question, constraints: { minimum: 1 } } },
    ],
    [
      'an unknown option field',
      addQuestionSchema,
      {
        expectedVersion: 1,
        question: { ...question, constraints: { options: [{ optionId: 'a', label: 'A', x: 1 }] } },
      },
    ],
    [
      'an unknown question type',
      addQuestionSchema,
      { expectedVersion: 1, question: { ...question, type: 'video' } },
    ],
    ['a numeric title', createFormSchema, { title: 5 }],
    ['a string version', expectedVersionSchema, { expectedVersion: '3' }],
    ['a fractional version', expectedVersionSchema, { expectedVersion: 1.5 }],
    ['a negative position', addQuestionSchema, { expectedVersion: 1, question, position: -1 }],
    ['a missing version', expectedVersionSchema, {}],
    [
      'a rule without an expression',
      setRulesSchema,
      { expectedVersion: 1, rules: [{ ruleId: 'r', message: 'm', questionIds: [] }] },
    ],
    [
      'non-string question ids',
      reorderQuestionsSchema,
      { expectedVersion: 1, questionIds: [1, 2] },
    ],
    ['a details change that changes nothing', changeFormDetailsSchema, { expectedVersion: 1 }],
    ['a huge title', createFormSchema, { title: 'x'.repeat(100_000) }],
    ['an array body', createFormSchema, [{ title: 't' }]],
  ])('refuses %s', (_what, schema, body) => {
    expect(schema.safeParse(body).success).toBe(false);
  });

  it('reads expectedVersion from a query string, and only digits', () => {
    expect(expectedVersionQuerySchema.parse({ expectedVersion: '12' })).toEqual({
      expectedVersion: 12,
    });
    expect(expectedVersionQuerySchema.safeParse({ expectedVersion: '1e3' }).success).toBe(false);
    expect(expectedVersionQuerySchema.safeParse({}).success).toBe(false);
    expect(expectedVersionQuerySchema.safeParse({ expectedVersion: '1', x: '2' }).success).toBe(
      false,
    );
  });

  it('keeps an explicit null description (clearing it) apart from an absent one', () => {
    expect(changeFormDetailsSchema.parse({ expectedVersion: 1, description: null })).toEqual({
      expectedVersion: 1,
      description: null,
    });
  });
});
