import { z } from 'zod';

const count = z.number().int().min(0);
const positive = z.number().int().min(1);

export const quotasBody = z
  .object({
    writesPerMinutePerUser: count,
    writesPerMinutePerProject: count,
    readsPerMinutePerUser: count,
    readsPerMinutePerProject: count,
    windowMs: positive,
    retryAfterSeconds: z.number().int().min(0).nullable(),
  })
  .partial()
  .strict();

export const limitsBody = z
  .object({ cellsPerSpreadsheet: positive, charactersPerCell: positive, requestBytes: positive })
  .partial()
  .strict();

export const faultsBody = z
  .object({
    latencyMs: z.number().int().min(0).max(600_000),
    errorRate: z.number().min(0).max(1),
    errorStatus: z.union([z.literal(500), z.literal(503)]),
    failNext: count,
    outage: z.enum(['off', 'unavailable', 'reset']),
  })
  .partial()
  .strict();

export const newSpreadsheetBody = z
  .object({
    spreadsheetId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,100}$/)
      .optional(),
    title: z.string().min(1).max(200).optional(),
    sheets: z
      .array(
        z
          .object({
            title: z.string().min(1).max(100),
            rowCount: positive.optional(),
            columnCount: positive.optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export const accessBody = z.object({ revoked: z.boolean() }).strict();
export const accountBody = z.object({ disabled: z.boolean() }).strict();
