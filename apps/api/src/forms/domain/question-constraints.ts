import type { QuestionConstraints, QuestionType } from '@collect/events';
import { answerPatternProblem } from './answer-pattern';
import { isCalendarDate } from './calendar-date';
import { isList } from './is-list';
import { formLimits, optionIdPattern } from './form-limits';

/** A constraint problem: the constraint field at fault and what to do about it. */
export interface ConstraintProblem {
  readonly field: keyof QuestionConstraints | `options[${number}]`;
  readonly message: string;
}

type ConstraintField = keyof QuestionConstraints;

const applicableFields: Readonly<Record<QuestionType, readonly ConstraintField[]>> = {
  short_text: ['minLength', 'maxLength', 'pattern'],
  long_text: ['minLength', 'maxLength', 'pattern'],
  number: ['min', 'max', 'integer'],
  email: [],
  phone: [],
  single_choice: ['options'],
  multiple_choice: ['options', 'minSelected', 'maxSelected'],
  date: ['minDate', 'maxDate'],
  boolean: [],
  rating: ['min', 'max'],
};

const allFields: readonly ConstraintField[] = [
  'minLength',
  'maxLength',
  'pattern',
  'min',
  'max',
  'integer',
  'minDate',
  'maxDate',
  'options',
  'minSelected',
  'maxSelected',
];

const isCount = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

const checkBounds = (
  [minField, maxField]: readonly [ConstraintField, ConstraintField],
  min: number | string | null,
  max: number | string | null,
): ConstraintProblem | null =>
  min !== null && max !== null && min > max
    ? { field: minField, message: `${minField} (${min}) must not exceed ${maxField} (${max})` }
    : null;

const checkText = (type: QuestionType, c: QuestionConstraints): ConstraintProblem | null => {
  const cap = type === 'short_text' ? formLimits.shortTextMaxLength : formLimits.longTextMaxLength;
  for (const field of ['minLength', 'maxLength'] as const) {
    const value = c[field];
    if (value !== null && (!isCount(value) || value > cap)) {
      return {
        field,
        message: `${field} must be a whole number from 0 to ${cap} for ${type}, or null`,
      };
    }
  }
  if (c.pattern !== null) {
    const problem =
      typeof c.pattern === 'string'
        ? answerPatternProblem(c.pattern)
        : 'the pattern must be a string';
    if (problem) return { field: 'pattern', message: problem };
  }
  return checkBounds(['minLength', 'maxLength'], c.minLength, c.maxLength);
};

const checkNumber = (c: QuestionConstraints): ConstraintProblem | null => {
  for (const field of ['min', 'max'] as const) {
    const value = c[field];
    if (value !== null && !Number.isFinite(value))
      return { field, message: `${field} must be a finite number or null` };
  }
  if (c.integer !== null && typeof c.integer !== 'boolean')
    return { field: 'integer', message: 'integer must be true, false or null' };
  return checkBounds(['min', 'max'], c.min, c.max);
};

const checkRating = (c: QuestionConstraints): ConstraintProblem | null => {
  const scale = `a rating needs whole-number min (0 or 1) and max (up to ${formLimits.ratingMaxScale}) with min < max, e.g. 1..5`;
  if (c.min !== 0 && c.min !== 1) return { field: 'min', message: scale };
  if (
    !Number.isInteger(c.max) ||
    (c.max as number) <= c.min ||
    (c.max as number) > formLimits.ratingMaxScale
  ) {
    return { field: 'max', message: scale };
  }
  return null;
};

const checkDate = (c: QuestionConstraints): ConstraintProblem | null => {
  for (const field of ['minDate', 'maxDate'] as const) {
    const value = c[field];
    if (value !== null && (typeof value !== 'string' || !isCalendarDate(value))) {
      return { field, message: `${field} must be a real calendar date as YYYY-MM-DD, or null` };
    }
  }
  return checkBounds(['minDate', 'maxDate'], c.minDate, c.maxDate);
};

const checkOptions = (c: QuestionConstraints): ConstraintProblem | null => {
  const options = c.options;
  if (!isList(options) || options.length === 0 || options.length > formLimits.maxOptions) {
    return {
      field: 'options',
      message: `a choice question needs 1 to ${formLimits.maxOptions} options`,
    };
  }
  const seen = new Set<string>();
  for (const [index, option] of options.entries()) {
    const field = `options[${index}]` as const;
    if (typeof option?.optionId !== 'string' || !optionIdPattern.test(option.optionId)) {
      return { field, message: 'optionId must be 1 to 64 letters, digits, "_" or "-"' };
    }
    if (seen.has(option.optionId))
      return {
        field,
        message: `optionId "${option.optionId}" is used twice; make option ids unique`,
      };
    seen.add(option.optionId);
    const label = typeof option.label === 'string' ? option.label.trim() : '';
    if (label.length === 0 || label.length > formLimits.optionLabelMaxLength) {
      return {
        field,
        message: `give the option a label of 1 to ${formLimits.optionLabelMaxLength} characters`,
      };
    }
  }
  return null;
};

const checkSelectionBounds = (c: QuestionConstraints): ConstraintProblem | null => {
  const optionCount = c.options?.length ?? 0;
  for (const field of ['minSelected', 'maxSelected'] as const) {
    const value = c[field];
    if (value !== null && (!isCount(value) || value > optionCount)) {
      return {
        field,
        message: `${field} must be a whole number from 0 to the number of options (${optionCount}), or null`,
      };
    }
  }
  return checkBounds(['minSelected', 'maxSelected'], c.minSelected, c.maxSelected);
};

const typeChecks: Readonly<
  Record<QuestionType, (c: QuestionConstraints) => ConstraintProblem | null>
> = {
  short_text: (c) => checkText('short_text', c),
  long_text: (c) => checkText('long_text', c),
  number: checkNumber,
  email: () => null,
  phone: () => null,
  single_choice: checkOptions,
  multiple_choice: (c) => checkOptions(c) ?? checkSelectionBounds(c),
  date: checkDate,
  boolean: () => null,
  rating: checkRating,
};

/** The first way `constraints` does not fit `type`, or null when they fit. */
export const constraintProblem = (
  type: QuestionType,
  constraints: QuestionConstraints,
): ConstraintProblem | null => {
  const applicable = applicableFields[type];
  for (const field of allFields) {
    if (!applicable.includes(field) && (constraints[field] ?? null) !== null) {
      return { field, message: `${field} does not apply to ${type} questions; set it to null` };
    }
  }
  return typeChecks[type](constraints);
};
