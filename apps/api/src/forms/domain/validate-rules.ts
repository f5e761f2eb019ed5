import type { BusinessRule, Question } from '@collect/events';
import { FormError } from './form-error';
import { isList } from './is-list';
import { formLimits, ruleIdPattern } from './form-limits';
import { createRuleExpressionChecker } from './rule-expression-check';

const invalid = (index: number, field: string, message: string, ruleId?: string): FormError =>
  new FormError(
    'invalid_rule',
    `Fix rule${ruleId ? ` "${ruleId}"` : ` #${index + 1}`}: ${message}.`,
    {
      path: `rules[${index}].${field}`,
      ...(ruleId ? { ruleId } : {}),
    },
  );

const validateRule = (
  rule: BusinessRule,
  index: number,
  questionIds: ReadonlySet<string>,
  checkExpression: (expression: string) => string | null,
): BusinessRule => {
  const { ruleId } = rule;
  if (typeof ruleId !== 'string' || !ruleIdPattern.test(ruleId)) {
    throw invalid(index, 'ruleId', 'ruleId must be 1 to 64 letters, digits, "_" or "-"');
  }
  const message = typeof rule.message === 'string' ? rule.message.trim() : '';
  if (message.length === 0 || message.length > formLimits.ruleMessageMaxLength) {
    throw invalid(
      index,
      'message',
      `give it a message of 1 to ${formLimits.ruleMessageMaxLength} characters that tells the respondent what to fix`,
      ruleId,
    );
  }
  if (!isList(rule.questionIds) || rule.questionIds.length === 0) {
    throw invalid(index, 'questionIds', 'list the questions a violation is reported on', ruleId);
  }
  if (new Set(rule.questionIds).size !== rule.questionIds.length) {
    throw invalid(index, 'questionIds', 'list each question only once', ruleId);
  }
  const unknown = rule.questionIds.find((questionId) => !questionIds.has(questionId));
  if (unknown !== undefined)
    throw invalid(index, 'questionIds', `question "${unknown}" does not exist`, ruleId);
  const expression = typeof rule.expression === 'string' ? rule.expression.trim() : '';
  if (expression.length === 0 || expression.length > formLimits.ruleExpressionMaxLength) {
    throw invalid(
      index,
      'expression',
      `write a CEL expression of 1 to ${formLimits.ruleExpressionMaxLength} characters`,
      ruleId,
    );
  }
  const problem = checkExpression(expression);
  if (problem)
    throw invalid(
      index,
      'expression',
      `the expression is not a valid rule over answers.<questionId>: ${problem}`,
      ruleId,
    );
  return { ruleId, expression, message, questionIds: [...rule.questionIds] };
};

/** Checks rules against the given questions (CEL syntax, known question ids, boolean result). */
export const validateRules = (
  rules: readonly BusinessRule[],
  questions: readonly Question[],
): readonly BusinessRule[] => {
  if (!isList(rules) || rules.length > formLimits.maxRules) {
    throw new FormError('invalid_rule', `Send at most ${formLimits.maxRules} rules as a list.`, {
      path: 'rules',
    });
  }
  const questionIds = new Set(questions.map((question) => question.questionId));
  const checkExpression = createRuleExpressionChecker(questions);
  const seen = new Set<string>();
  return rules.map((rule, index) => {
    const valid = validateRule(rule, index, questionIds, checkExpression);
    if (seen.has(valid.ruleId))
      throw invalid(index, 'ruleId', 'ruleId is used twice; make rule ids unique', valid.ruleId);
    seen.add(valid.ruleId);
    return valid;
  });
};

/** The rules that name `questionId` in their expression or in the questions they report on. */
export const rulesUsingQuestion = (
  rules: readonly BusinessRule[],
  questionId: string,
): readonly BusinessRule[] =>
  rules.filter(
    (rule) =>
      rule.questionIds.includes(questionId) ||
      new RegExp(
        `\\banswers\\s*(\\.\\s*${questionId}\\b|\\[\\s*["']${questionId}["']\\s*\\])`,
      ).test(rule.expression),
  );
