import { connectorTypePattern } from '@collect/integrations';
import { z } from 'zod';
import { cursorParam, instantParam, limitParam } from '../read-model';

/** Request bodies and queries of the integrations API: strict (unknown fields → 422). */

export const DEAD_LETTER_PAGE_DEFAULT = 100;
export const DEAD_LETTER_PAGE_MAX = 1000;

const version = z.number().int().min(1).max(2_147_483_647);
const name = z.string().min(1).max(200).nullable();
const config = z
  .record(z.string(), z.unknown())
  .describe("the connector type's configuration; validated against the schema it registered");

export const attachIntegrationSchema = z.strictObject({
  type: z
    .string()
    .max(100)
    .regex(connectorTypePattern, 'must be a connector type name such as google-sheets'),
  name: name.optional(),
  config,
  backfill: z
    .boolean()
    .optional()
    .describe("true: deliver the form's history first, then live responses; default false"),
});

export const updateIntegrationSchema = z.strictObject({
  expectedVersion: version,
  name: name.optional(),
  config: config
    .optional()
    .describe('the whole config; a secret sent as "[redacted]" or left out keeps its stored value'),
});

/** Pause and resume: the version is optional (they are safe to retry). */
export const stateChangeSchema = z.strictObject({ expectedVersion: version.optional() });

/** `DELETE /v1/integrations/{id}?expectedVersion=3` (optional). */
export const detachQuerySchema = z.strictObject({
  expectedVersion: z
    .string()
    .regex(/^\d{1,10}$/, 'expectedVersion must be a whole number')
    .transform(Number)
    .pipe(version)
    .optional(),
});

export const replaySchema = z.strictObject({
  from: instantParam.describe('deliver again every response submitted at or after this instant'),
  expectedVersion: version.optional(),
});

export const listIntegrationsQuery = z.strictObject({
  includeDetached: z.enum(['true', 'false']).optional(),
});

export const deadLetterListQuery = z.strictObject({
  limit: limitParam(DEAD_LETTER_PAGE_MAX).optional(),
  cursor: cursorParam('dead-letters').optional(),
  pending: z.enum(['true', 'false']).optional(),
});

export const redriveSchema = z.strictObject({
  ids: z
    .array(z.uuid())
    .min(1)
    .max(10_000)
    .optional()
    .describe('the dead letters to redrive; every one not yet redriven when left out'),
});
