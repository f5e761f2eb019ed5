import type { BusinessRule } from '@collect/events';
import {
  added,
  created,
  event,
  formId,
  given,
  history,
  question,
  rule,
} from './form-decider.testing';

const budgetForm = history(
  created,
  added(question('income', 'number')),
  added(question('savings', 'number'), 1),
  added(question('employed', 'boolean'), 2),
  added(question('tags', 'multiple_choice', { options: [{ optionId: 'a', label: 'A' }] }), 3),
  added(question('born', 'date'), 4),
);
const setRules = (rules: readonly BusinessRule[]) =>
  given(budgetForm).when({ type: 'SetRules', formId, expectedVersion: 6, rules });

describe('SetRules', () => {
  it('sets rules that parse as CEL over existing answers and yield a bool', () => {
    const rules = [
      rule(
        'savings-below-income',
        'answers.savings <= answers.income',
        ['savings'],
        'Savings cannot exceed income.',
      ),
      rule(
        'employed-has-income',
        '!has(answers.employed) || !answers.employed || answers.income > 0.0',
        ['income'],
      ),
      rule('tags', 'size(answers.tags) <= 1 && answers.born >= "2000-01-01"', ['tags', 'born']),
    ];
    setRules(rules).then([event({ type: 'FormRulesChanged', rules }, 7)]);
  });

  it('replaces all rules, and an empty list clears them', () => {
    setRules([]).then([event({ type: 'FormRulesChanged', rules: [] }, 7)]);
  });

  it.each([
    ['a syntax error', 'answers.savings <=', 'expression'],
    ['an unknown question', 'answers.salary > 0.0', 'expression'],
    ['another variable than answers', 'user.age > 1', 'expression'],
    ['a non-boolean result', 'answers.savings + answers.income', 'expression'],
    ['a type mismatch', 'answers.employed > 3.0', 'expression'],
    ['a double compared with an int literal for equality', 'answers.income == 5', 'expression'],
    ['an empty expression', '  ', 'expression'],
    [
      'an expression over 2000 characters',
      `answers.income > 0.0 ${'|| true '.repeat(300)}`,
      'expression',
    ],
  ])('rejects a rule with %s', (_, expression, field) => {
    setRules([rule('r1', expression, ['income'])]).then({
      code: 'invalid_rule',
      details: { path: `rules[0].${field}`, ruleId: 'r1' },
    });
  });

  it('says to write 5.0 when a number answer meets an int literal', () => {
    expect(() =>
      given(budgetForm)
        .when({
          type: 'SetRules',
          formId,
          expectedVersion: 6,
          rules: [rule('r1', 'answers.income == 5', ['income'])],
        })
        .then([]),
    ).toThrow(/5\.0/);
  });

  it.each([
    ['no questionIds', rule('r1', 'true', []), 'questionIds'],
    ['an unknown questionId', rule('r1', 'true', ['salary']), 'questionIds'],
    ['a repeated questionId', rule('r1', 'true', ['income', 'income']), 'questionIds'],
    ['an empty message', rule('r1', 'true', ['income'], ' '), 'message'],
    ['a message over 500 characters', rule('r1', 'true', ['income'], 'm'.repeat(501)), 'message'],
    ['an invalid ruleId', rule('r 1', 'true', ['income']), 'ruleId'],
  ])('rejects a rule with %s', (_, invalidRule, field) => {
    setRules([invalidRule]).then({ code: 'invalid_rule', details: { path: `rules[0].${field}` } });
  });

  it('rejects two rules with the same id', () => {
    setRules([rule('r1', 'true', ['income']), rule('r1', 'false', ['income'])]).then({
      code: 'invalid_rule',
      details: { path: 'rules[1].ruleId' },
    });
  });

  it('rejects more than 50 rules', () => {
    setRules(Array.from({ length: 51 }, (_, i) => rule(`r${i}`, 'true', ['income']))).then({
      code: 'invalid_rule',
      details: { path: 'rules' },
    });
  });

  it('accepts exactly 50 rules', () => {
    const rules = Array.from({ length: 50 }, (_, i) =>
      rule(`r${i}`, 'answers.income >= 0.0', ['income']),
    );
    setRules(rules).then([event({ type: 'FormRulesChanged', rules }, 7)]);
  });
});
