import { parse } from '@marcbachmann/cel-js';
import { definition, question, rule } from './definition.testing';
import { RuleEngine, type CompiledExpression, type DefinitionProblem } from './rule-engine';
import { validateAnswers } from './validate-answers';

// expect's asymmetric matchers are typed any; as unknown they satisfy the unsafe-any lint rules.
const anyText: unknown = expect.any(String);

const budget = (...rules: ReturnType<typeof rule>[]) =>
  definition(
    [
      question('income', 'number'),
      question('savings', 'number'),
      question('employer', 'short_text'),
      question('tags', 'multiple_choice', {
        options: [
          { optionId: 'a', label: 'A' },
          { optionId: 'b', label: 'B' },
        ],
      }),
    ],
    rules,
  );
const savingsBelowIncome = rule(
  'savings',
  'answers.savings <= answers.income',
  ['savings'],
  'Savings cannot exceed income.',
);
const answers = (values: Record<string, unknown>) =>
  Object.entries(values).map(([questionId, value]) => ({ questionId, value }));

describe('business rules', () => {
  const engine = new RuleEngine();

  it.each([
    ['an int below a double', 1500, 3000.5],
    ['two equal numbers', 100, 100],
  ])('holds for %s (JSON numbers compare as CEL doubles)', (_, savings, income) => {
    expect(
      validateAnswers(budget(savingsBelowIncome), answers({ savings, income }), engine).ok,
    ).toBe(true);
  });

  it('reports a violated rule on its questions with the rule message', () => {
    expect(
      validateAnswers(
        budget(savingsBelowIncome),
        answers({ savings: 3000.51, income: 3000.5 }),
        engine,
      ),
    ).toEqual({
      ok: false,
      errors: [
        { questionId: 'savings', code: 'rule_violated', message: 'Savings cannot exceed income.' },
      ],
    });
  });

  it('is skipped, not violated, when an answer it needs is absent', () => {
    expect(validateAnswers(budget(savingsBelowIncome), answers({ savings: 10 }), engine)).toEqual({
      ok: true,
      answers: [{ questionId: 'savings', value: 10 }],
    });
  });

  it('can speak about absent answers with has()', () => {
    const employerNeedsIncome = rule(
      'employer',
      '!has(answers.employer) || has(answers.income)',
      ['income'],
      'Enter your income.',
    );
    expect(
      validateAnswers(budget(employerNeedsIncome), answers({ employer: 'ACME' }), engine),
    ).toMatchObject({
      ok: false,
      errors: [{ questionId: 'income', code: 'rule_violated' }],
    });
    expect(validateAnswers(budget(employerNeedsIncome), answers({}), engine).ok).toBe(true);
  });

  it('is violated when it is false whatever the absent answer would be', () => {
    const both = rule('both', 'answers.savings > 0.0 && answers.income > 0.0', ['income']);
    expect(validateAnswers(budget(both), answers({ income: -1 }), engine)).toMatchObject({
      ok: false,
      errors: [{ code: 'rule_violated' }],
    });
  });

  it('reports several violated rules, one error per question, first rule first', () => {
    const form = budget(
      savingsBelowIncome,
      rule(
        'positive',
        'answers.savings >= 0.0 && answers.income >= 0.0',
        ['savings', 'income'],
        'Use positive amounts.',
      ),
      rule('tags', 'size(answers.tags) < 2', ['tags'], 'Pick one tag.'),
    );
    expect(
      validateAnswers(form, answers({ savings: 5, income: -1, tags: ['a', 'b'] }), engine),
    ).toEqual({
      ok: false,
      errors: [
        { questionId: 'savings', code: 'rule_violated', message: 'Savings cannot exceed income.' },
        { questionId: 'income', code: 'rule_violated', message: 'Use positive amounts.' },
        { questionId: 'tags', code: 'rule_violated', message: 'Pick one tag.' },
      ],
    });
  });

  it('does not add a rule error to a question whose own answer already failed', () => {
    const form = definition(
      [question('income', 'number', { min: 0 }), question('savings', 'number')],
      [rule('r', 'answers.savings <= answers.income', ['income'])],
    );
    expect(validateAnswers(form, answers({ income: -5, savings: 10 }), engine)).toMatchObject({
      ok: false,
      errors: [{ questionId: 'income', code: 'below_min' }],
    });
  });

  it('reports a violation of a rule without questions on no question', () => {
    expect(validateAnswers(budget(rule('r', 'false', [])), answers({}), engine)).toMatchObject({
      ok: false,
      errors: [{ questionId: null, code: 'rule_violated' }],
    });
  });

  it('skips a broken rule and tells the operator, since the respondent cannot fix it', () => {
    const problems: DefinitionProblem[] = [];
    const reporting = new RuleEngine({ onDefinitionProblem: (problem) => problems.push(problem) });
    const form = budget(
      rule('syntax', 'answers.savings <=', ['savings']),
      rule('types', 'answers.employer > 1.0', ['employer']),
      rule('not-bool', 'answers.income', ['income']),
    );
    expect(validateAnswers(form, answers({ employer: 'ACME', income: 5 }), reporting).ok).toBe(
      true,
    );
    expect(problems.map((problem) => problem.id)).toEqual(['syntax', 'types', 'not-bool']);
  });
});

describe('compiling a definition', () => {
  it('compiles each rule and pattern once per definition and reuses them for every response', () => {
    const compileExpression = jest.fn(
      (expression: string) => parse(expression) as CompiledExpression,
    );
    const compilePattern = jest.fn((pattern: string) => new RegExp(`^(?:${pattern})$`, 'u'));
    const engine = new RuleEngine({ compileExpression, compilePattern });
    const form = definition(
      [
        question('code', 'short_text', { pattern: '[a-z]+' }),
        question('income', 'number'),
        question('savings', 'number'),
      ],
      [savingsBelowIncome, rule('positive', 'answers.income > 0.0', ['income'])],
    );
    for (let i = 0; i < 5; i++)
      validateAnswers(form, answers({ code: 'abc', income: 10 + i, savings: 1 }), engine);
    expect(compileExpression).toHaveBeenCalledTimes(2);
    expect(compilePattern).toHaveBeenCalledTimes(1);

    validateAnswers({ ...form }, answers({ code: 'abc' }), engine);
    expect(compileExpression).toHaveBeenCalledTimes(4);
  });

  it('does not compile rules for input that is not a list of answers', () => {
    const compileExpression = jest.fn(
      (expression: string) => parse(expression) as CompiledExpression,
    );
    validateAnswers(budget(savingsBelowIncome), 'nonsense', new RuleEngine({ compileExpression }));
    expect(compileExpression).not.toHaveBeenCalled();
  });

  it('skips an unusable pattern of a published definition instead of rejecting every answer', () => {
    const problems: DefinitionProblem[] = [];
    const form = definition([question('code', 'short_text', { pattern: '(a+)+' })]);
    expect(
      validateAnswers(
        form,
        answers({ code: 'zzz' }),
        new RuleEngine({ onDefinitionProblem: (p) => problems.push(p) }),
      ).ok,
    ).toBe(true);
    expect(problems).toEqual([{ kind: 'pattern', id: 'code', reason: anyText }]);
  });
});
