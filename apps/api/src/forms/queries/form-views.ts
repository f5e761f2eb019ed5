import { questionTypes } from '@collect/events';
import { z } from 'zod';

/** What the forms read endpoints answer; the zod schemas document them in OpenAPI. */

const status = z.enum(['draft', 'published', 'closed']);
const instant = z.string().describe('ISO 8601, UTC');

const definitionView = z.object({
  title: z.string(),
  description: z.string().nullable(),
  questions: z.array(
    z.object({
      questionId: z.string(),
      type: z.enum(questionTypes),
      title: z.string(),
      description: z.string().nullable(),
      required: z.boolean(),
      constraints: z.record(z.string(), z.unknown()),
    }),
  ),
  rules: z.array(
    z.object({
      ruleId: z.string(),
      expression: z.string(),
      message: z.string(),
      questionIds: z.array(z.string()),
    }),
  ),
});

export const formSummaryView = z.object({
  formId: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  status,
  version: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  questionCount: z.number().int().describe('questions in the draft'),
  responseCount: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
});
export type FormSummary = z.output<typeof formSummaryView>;

export const formPageView = z.object({
  items: z.array(formSummaryView),
  nextCursor: z.string().nullable().describe('send as `cursor` for the next page; null at the end'),
});

const versionView = z.object({
  version: z.number().int(),
  type: z.string().describe('the event that made this version, e.g. QuestionAdded'),
  eventId: z.string(),
  occurredAt: instant,
  change: z.record(z.string(), z.unknown()).describe('the event body without its metadata'),
});
export type FormVersion = z.output<typeof versionView>;

export const formDetailView = formSummaryView
  .omit({ questionCount: true, responseCount: true })
  .extend({
    draft: definitionView.describe('the current definition (what the next publish makes live)'),
    publishedDefinition: definitionView.nullable().describe('what responses are validated against'),
    counters: z.object({
      responseCount: z.number().int(),
      firstSubmittedAt: instant.nullable(),
      lastSubmittedAt: instant.nullable(),
    }),
    versions: z
      .array(versionView)
      .describe('the version history, oldest first (at most the latest 500)'),
    olderVersionsOmitted: z
      .boolean()
      .describe('true when versions older than the first listed exist'),
  });
export type FormDetail = z.output<typeof formDetailView>;
