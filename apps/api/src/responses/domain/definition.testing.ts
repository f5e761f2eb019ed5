import {
  type BusinessRule,
  type FormDefinition,
  type Question,
  type QuestionConstraints,
  type QuestionType,
  noConstraints,
} from '@collect/events';

/** Test support: published definitions to validate against. Not a spec. */

export const question = (
  questionId: string,
  type: QuestionType,
  constraints: Partial<QuestionConstraints> = {},
  required = false,
): Question => ({
  questionId,
  type,
  title: questionId,
  description: null,
  required,
  constraints: { ...noConstraints, ...constraints },
});

export const options = (...optionIds: string[]) =>
  optionIds.map((optionId) => ({ optionId, label: optionId }));

export const definition = (
  questions: readonly Question[],
  rules: readonly BusinessRule[] = [],
): FormDefinition => ({
  title: 'Survey',
  description: null,
  questions,
  rules,
});

export const rule = (
  ruleId: string,
  expression: string,
  questionIds: readonly string[],
  message = `Rule ${ruleId} failed.`,
): BusinessRule => ({
  ruleId,
  expression,
  message,
  questionIds,
});
