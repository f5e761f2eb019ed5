import type { Integration, IntegrationState } from './integration';

/** An `integrations` row as pg returns it (select `integrationColumns`). */
export interface IntegrationRow {
  integration_id: string;
  org_id: string;
  form_id: string;
  type: string;
  name: string | null;
  config: Record<string, unknown>;
  state: IntegrationState;
  version: number;
  backfill: boolean;
  attached_at: Date;
  updated_at: Date;
  detached_at: Date | null;
}

export const integrationColumns =
  'integration_id, org_id, form_id, type, name, config, state, version, backfill, attached_at, updated_at, detached_at';

/** The row as the contract's `Integration`. */
export function toIntegration(row: IntegrationRow): Integration {
  return {
    integrationId: row.integration_id,
    orgId: row.org_id,
    formId: row.form_id,
    type: row.type,
    name: row.name,
    config: row.config,
    state: row.state,
    version: row.version,
    backfill: row.backfill,
    attachedAt: row.attached_at,
    updatedAt: row.updated_at,
    detachedAt: row.detached_at,
  };
}
