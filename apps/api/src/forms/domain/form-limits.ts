/** Size limits of a form definition; they bound the work of validating one response. */
export const formLimits = {
  titleMaxLength: 200,
  descriptionMaxLength: 2000,
  maxQuestions: 200,
  maxRules: 50,
  questionTitleMaxLength: 500,
  maxOptions: 100,
  optionLabelMaxLength: 200,
  patternMaxLength: 500,
  ruleExpressionMaxLength: 2000,
  ruleMessageMaxLength: 500,
  /** Upper bound and default of `maxLength` per text type. */
  shortTextMaxLength: 500,
  longTextMaxLength: 10_000,
  ratingMaxScale: 10,
} as const;

/** Question ids are CEL identifiers, so a rule can say `answers.<questionId>`. */
export const questionIdPattern = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const optionIdPattern = /^[A-Za-z0-9_-]{1,64}$/;
export const ruleIdPattern = /^[A-Za-z0-9_-]{1,64}$/;
