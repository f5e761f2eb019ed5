/** The building blocks of a form, shared by form events, the API's validation and the read models. */

export const questionTypes = [
  'short_text',
  'long_text',
  'number',
  'email',
  'phone',
  'single_choice',
  'multiple_choice',
  'date',
  'boolean',
  'rating',
] as const;
export type QuestionType = (typeof questionTypes)[number];

export interface ChoiceOption {
  readonly optionId: string;
  readonly label: string;
}

/** Constraints that fit the question's type; fields that do not apply are null. */
export interface QuestionConstraints {
  /** short_text, long_text: length bounds (characters) and an optional RE2-compatible pattern. */
  readonly minLength: number | null;
  readonly maxLength: number | null;
  readonly pattern: string | null;
  /** number: inclusive bounds and whether only whole numbers are accepted. rating: scale is min..max. */
  readonly min: number | null;
  readonly max: number | null;
  readonly integer: boolean | null;
  /** date: inclusive bounds as YYYY-MM-DD. */
  readonly minDate: string | null;
  readonly maxDate: string | null;
  /** single_choice, multiple_choice: the options; multiple_choice also bounds how many are picked. */
  readonly options: readonly ChoiceOption[] | null;
  readonly minSelected: number | null;
  readonly maxSelected: number | null;
}

export interface Question {
  readonly questionId: string;
  readonly type: QuestionType;
  readonly title: string;
  readonly description: string | null;
  readonly required: boolean;
  readonly constraints: QuestionConstraints;
}

/**
 * A form-level rule relating answers, as a CEL expression over `answers.<questionId>` that must
 * hold (e.g. `answers.savings <= answers.income`). Violations are reported on `questionIds`.
 */
export interface BusinessRule {
  readonly ruleId: string;
  readonly expression: string;
  readonly message: string;
  readonly questionIds: readonly string[];
}

/** What a published version of a form accepts. */
export interface FormDefinition {
  readonly title: string;
  readonly description: string | null;
  readonly questions: readonly Question[];
  readonly rules: readonly BusinessRule[];
}

/** A typed answer: text/email/phone/date/single choice → string, number/rating → number, boolean, multiple choice → string[]. */
export type AnswerValue = string | number | boolean | readonly string[];

export interface Answer {
  readonly questionId: string;
  readonly value: AnswerValue;
}

/** Constraints with nothing set: the starting point for a question's constraints. */
export const noConstraints: QuestionConstraints = Object.freeze({
  minLength: null,
  maxLength: null,
  pattern: null,
  min: null,
  max: null,
  integer: null,
  minDate: null,
  maxDate: null,
  options: null,
  minSelected: null,
  maxSelected: null,
});
