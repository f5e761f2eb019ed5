import { z } from 'zod';

/** OpenAPI shape of FormCommandResult (documentation only; the service builds the value). */
export const formCommandResultView = z.object({
  formId: z.string(),
  version: z.number().int().describe('send it as expectedVersion with the next change'),
  status: z.enum(['draft', 'published', 'closed']),
  publishedVersion: z
    .number()
    .int()
    .nullable()
    .describe('the version responses are validated against'),
  title: z.string(),
  description: z.string().nullable(),
  questionCount: z.number().int(),
  ruleCount: z.number().int(),
  events: z.array(
    z.object({
      type: z.string(),
      eventId: z.string(),
      version: z.number().int(),
      position: z.object({
        topic: z.string(),
        partition: z.number().int(),
        offset: z.string().describe('64-bit Kafka offset as a decimal string'),
      }),
    }),
  ),
});
