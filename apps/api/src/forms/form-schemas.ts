import { noConstraints, questionTypes, type Question } from '@collect/events';
import { z } from 'zod';

/**
 * Request bodies of the forms API: strict objects (unknown fields → 422) that guarantee the
 * shapes the domain assumes. Only absurd sizes are capped here, to bound work; the domain checks
 * the real limits and the meaning (bounds, patterns, ids) with messages that say what to change.
 */

const text = (max: number) => z.string().max(max);
const nullableText = (max: number) => text(max).nullable().optional();
const count = z.number().int().min(0).max(1_000_000);
const anyNumber = z.number();
const version = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const id = text(200);

const constraintsSchema = z.strictObject({
  minLength: count.nullable().optional(),
  maxLength: count.nullable().optional(),
  pattern: nullableText(2_000),
  min: anyNumber.nullable().optional(),
  max: anyNumber.nullable().optional(),
  integer: z.boolean().nullable().optional(),
  minDate: nullableText(32),
  maxDate: nullableText(32),
  options: z
    .array(z.strictObject({ optionId: id, label: text(2_000) }))
    .max(1_000)
    .nullable()
    .optional(),
  minSelected: count.nullable().optional(),
  maxSelected: count.nullable().optional(),
});

export const questionSchema = z
  .strictObject({
    questionId: id,
    type: z.enum(questionTypes),
    title: text(5_000),
    description: nullableText(20_000),
    required: z.boolean().optional(),
    constraints: constraintsSchema.optional(),
  })
  .transform((question): Question => ({
    questionId: question.questionId,
    type: question.type,
    title: question.title,
    description: question.description ?? null,
    required: question.required ?? false,
    constraints: {
      ...noConstraints,
      ...Object.fromEntries(
        Object.entries(question.constraints ?? {}).map(([field, value]) => [field, value ?? null]),
      ),
    },
  }));

const ruleSchema = z.strictObject({
  ruleId: id,
  expression: text(20_000),
  message: text(5_000),
  questionIds: z.array(id).max(1_000),
});

export const createFormSchema = z.strictObject({
  title: text(5_000),
  description: nullableText(20_000),
});

export const changeFormDetailsSchema = z
  .strictObject({
    expectedVersion: version,
    title: text(5_000).optional(),
    description: nullableText(20_000),
  })
  .refine((body) => body.title !== undefined || body.description !== undefined, {
    error: 'send title, description or both',
  });

export const addQuestionSchema = z.strictObject({
  expectedVersion: version,
  question: questionSchema,
  position: count.optional(),
});

export const changeQuestionSchema = z.strictObject({
  expectedVersion: version,
  question: questionSchema,
});

export const reorderQuestionsSchema = z.strictObject({
  expectedVersion: version,
  questionIds: z.array(id).max(1_000),
});

export const setRulesSchema = z.strictObject({
  expectedVersion: version,
  rules: z.array(ruleSchema).max(1_000),
});

export const expectedVersionSchema = z.strictObject({ expectedVersion: version });

/** `?expectedVersion=N` of DELETE: query strings are text. */
export const expectedVersionQuerySchema = z.strictObject({
  expectedVersion: z
    .string()
    .regex(/^\d{1,15}$/, 'expectedVersion must be a whole number')
    .transform(Number),
});

/** Path ids: forms get UUIDs; anything else cannot name a form, but answers 404 like any unknown id. */
export const pathIdSchema = text(200);
