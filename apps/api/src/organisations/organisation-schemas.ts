import { z } from 'zod';
import { scopes } from '../auth/scopes';

const name = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

export const createOrganisationBody = z.strictObject({ name });

export const organisationView = z.object({
  orgId: z.uuid(),
  name: z.string(),
  createdAt: z.iso.datetime(),
});

export const createApiKeyBody = z.strictObject({
  name,
  scopes: z
    .array(z.enum(scopes))
    .min(1, 'name at least one scope')
    .max(scopes.length)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a scope'),
});

export const apiKeyView = z.object({
  keyId: z.string(),
  orgId: z.uuid(),
  name: z.string(),
  scopes: z.array(z.enum(scopes)),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});

export const createdApiKeyView = apiKeyView.omit({ revokedAt: true }).extend({
  key: z.string().describe('the API key; shown only in this response, store it now'),
});

export const apiKeyListView = z.object({ items: z.array(apiKeyView) });

export type OrganisationView = z.output<typeof organisationView>;
export type ApiKeyView = z.output<typeof apiKeyView>;
export type CreatedApiKeyView = z.output<typeof createdApiKeyView>;
