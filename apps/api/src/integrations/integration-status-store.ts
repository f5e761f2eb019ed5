import { Injectable } from '@nestjs/common';
import type { IntegrationStatus } from '@collect/integrations';
import { integrationTables } from '@collect/integrations';
import { IntegrationsDb } from './integrations-db';

interface StatusRow {
  integration_id: string;
  state: IntegrationStatus['state'];
  delivered_count: string;
  dead_lettered_count: string;
  lag: string | null;
  oldest_undelivered_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  backfill_done: string | null;
  backfill_total: string | null;
  note: string | null;
  note_at: Date | null;
  updated_at: Date;
}

const nullableBigInt = (text: string | null): bigint | null =>
  text === null ? null : BigInt(text);

/** What the connector runtime reports per integration (`integration_status`); read-only here. */
@Injectable()
export class IntegrationStatusStore {
  constructor(private readonly db: IntegrationsDb) {}

  async find(integrationIds: readonly string[]): Promise<ReadonlyMap<string, IntegrationStatus>> {
    if (integrationIds.length === 0) return new Map();
    const rows = await this.db.rows<StatusRow>(
      `SELECT * FROM ${integrationTables.integrationStatus} WHERE integration_id = ANY ($1::uuid[])`,
      [integrationIds],
    );
    return new Map(rows.map((row) => [row.integration_id, toStatus(row)]));
  }
}

function toStatus(row: StatusRow): IntegrationStatus {
  return {
    integrationId: row.integration_id,
    state: row.state,
    deliveredCount: BigInt(row.delivered_count),
    deadLetteredCount: BigInt(row.dead_lettered_count),
    lag: nullableBigInt(row.lag),
    oldestUndeliveredAt: row.oldest_undelivered_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    backfillDone: nullableBigInt(row.backfill_done),
    backfillTotal: nullableBigInt(row.backfill_total),
    note: row.note,
    noteAt: row.note_at,
    updatedAt: row.updated_at,
  };
}
