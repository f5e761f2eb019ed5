import { z } from 'zod';

/** What the integrations endpoints answer; the zod schemas document them in OpenAPI. */

const instant = z.string().describe('ISO 8601, UTC');
const count = z.number().int().min(0);

export const backfillProgressView = z.object({
  done: count.describe('responses of the backfill or replay delivered so far'),
  total: count.describe('responses it has to deliver'),
  percent: z.number().min(0).max(100),
  etaSeconds: z
    .number()
    .min(0)
    .nullable()
    .describe('seconds until done at the rate so far; null until the rate is known'),
});

export const integrationStatusView = z.object({
  state: z
    .enum(['pending', 'backfilling', 'live', 'paused', 'failing'])
    .describe('as the connector runtime reports it; `pending` until it has picked it up'),
  deliveredCount: count,
  deadLetteredCount: count,
  lag: count.nullable().describe("responses of the form's partitions not yet delivered"),
  oldestUndeliveredAt: instant.nullable(),
  oldestUndeliveredAgeSeconds: z.number().min(0).nullable(),
  lastError: z.string().nullable().describe('never contains answers or secrets'),
  lastErrorAt: instant.nullable(),
  backfill: backfillProgressView.nullable().describe('while a backfill or replay runs'),
  note: z
    .string()
    .nullable()
    .describe(
      'the connector\'s latest note, neither an error nor a count, e.g. `continuing in tab "Responses (2)": "Responses" reached its cell limit`; never contains answers or secrets',
    ),
  noteAt: instant.nullable().describe('when the connector made the note'),
  updatedAt: instant.nullable().describe('when the runtime last reported; null while `pending`'),
});
export type IntegrationStatusView = z.output<typeof integrationStatusView>;

export const integrationView = z.object({
  integrationId: z.string(),
  formId: z.string(),
  type: z.string().describe('the connector type, e.g. google-sheets'),
  name: z.string().nullable(),
  config: z
    .record(z.string(), z.unknown())
    .describe('validated against the type\'s schema; every secret reads "[redacted]"'),
  state: z.enum(['active', 'paused', 'detached']),
  version: z.number().int().describe('send as `expectedVersion` with the next change'),
  backfill: z.boolean().describe("attached with the form's history"),
  attachedAt: instant,
  updatedAt: instant,
  detachedAt: instant.nullable(),
  status: integrationStatusView,
});
export type IntegrationView = z.output<typeof integrationView>;

export const integrationListView = z.object({ items: z.array(integrationView) });

export const replayView = z.object({
  integrationId: z.string(),
  version: z.number().int(),
  from: instant,
  topic: z.string(),
  positions: z
    .array(z.object({ partition: z.number().int(), offset: z.string() }))
    .describe('where delivery starts again, per partition'),
  clearedDeliveries: count.describe('delivery records cleared so those responses go out again'),
});
export type ReplayView = z.output<typeof replayView>;

export const deadLetterView = z.object({
  deadLetterId: z.string(),
  responseId: z.string(),
  reason: z.string().describe('machine-readable reason first, e.g. `permanent_failure: …`'),
  sourceTopic: z.string().nullable(),
  sourcePartition: z.number().int().nullable(),
  sourceOffset: z.string().nullable(),
  dlqOffset: z.string().nullable(),
  createdAt: instant,
  redrivenAt: instant.nullable(),
});
export type DeadLetterView = z.output<typeof deadLetterView>;

export const deadLetterPageView = z.object({
  items: z.array(deadLetterView),
  nextCursor: z.string().nullable().describe('send as `cursor` for the next page; null at the end'),
});

export const redriveView = z.object({
  integrationId: z.string(),
  redriven: count.describe('dead letters sent through again'),
});
export type RedriveView = z.output<typeof redriveView>;
