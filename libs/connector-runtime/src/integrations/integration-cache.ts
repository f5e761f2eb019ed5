import {
  integrationColumns,
  toIntegration,
  type Integration,
  type IntegrationRow,
} from '@collect/integrations';
import type { Pool } from 'pg';
import { fromDatabaseError } from '../errors/from-database-error';

/** The integrations of one connector type as last loaded: active ones by form, and all not detached. */
export interface IntegrationSnapshot {
  readonly activeByForm: ReadonlyMap<string, readonly Integration[]>;
  readonly active: readonly Integration[];
  /** Active and paused ones (their status is still reported). */
  readonly attached: readonly Integration[];
  readonly loadedAt: number;
}

const empty: IntegrationSnapshot = {
  activeByForm: new Map(),
  active: [],
  attached: [],
  loadedAt: 0,
};

/**
 * The runtime's view of `integrations` for its type, reloaded every few seconds and at once when
 * an integration event arrives. Only a cache: which responses an integration gets is decided by
 * its cursors in the delivery transaction, so a stale view delays a new integration, never loses
 * or duplicates a delivery.
 */
export class IntegrationCache {
  private snapshot: IntegrationSnapshot = empty;
  private loading: Promise<IntegrationSnapshot> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly type: string,
  ) {}

  get current(): IntegrationSnapshot {
    return this.snapshot;
  }

  /** Reloads (coalescing concurrent callers) and returns the fresh snapshot. */
  refresh(): Promise<IntegrationSnapshot> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<IntegrationSnapshot> {
    let rows: IntegrationRow[];
    try {
      ({ rows } = await this.pool.query<IntegrationRow>(
        `SELECT ${integrationColumns} FROM integrations
          WHERE type = $1 AND state <> 'detached' ORDER BY integration_id`,
        [this.type],
      ));
    } catch (error) {
      throw fromDatabaseError(error, 'loading integrations');
    }
    const attached = rows.map(toIntegration);
    const active = attached.filter((integration) => integration.state === 'active');
    const activeByForm = new Map<string, Integration[]>();
    for (const integration of active) {
      activeByForm.set(integration.formId, [
        ...(activeByForm.get(integration.formId) ?? []),
        integration,
      ]);
    }
    this.snapshot = { activeByForm, active, attached, loadedAt: Date.now() };
    return this.snapshot;
  }
}
