import { z } from 'zod';

/** What the responses read endpoints answer; the zod schemas document them in OpenAPI. */

const instant = z.string().describe('ISO 8601, UTC');

export const answerView = z.object({
  questionId: z.string(),
  value: z
    .union([z.string(), z.number(), z.boolean(), z.array(z.string())])
    .nullable()
    .describe(
      'text, email, phone, single choice and date (YYYY-MM-DD): string; number and rating: number; boolean; multiple choice: option ids',
    ),
});
export type AnswerView = z.output<typeof answerView>;

export const responseView = z.object({
  responseId: z.string(),
  formId: z.string(),
  formVersion: z.number().int().describe('the published version it was validated against'),
  sequence: z.number().int().describe('1, 2, 3 … per form, in the order the log holds them'),
  submittedAt: instant.describe('when the client says it was filled in (or when it arrived)'),
  receivedAt: instant.describe('when the API accepted it'),
  source: z.string(),
  locale: z.string().nullable(),
  hiddenFields: z.record(z.string(), z.string()),
  answers: z.array(answerView).describe("in the order of the form's questions"),
});
export type ResponseView = z.output<typeof responseView>;

export const responsePageView = z.object({
  items: z.array(responseView),
  nextCursor: z.string().nullable().describe('send as `cursor` for the next page; null at the end'),
});
