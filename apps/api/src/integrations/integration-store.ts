import { Injectable } from '@nestjs/common';
import type { Integration, IntegrationRow } from '@collect/integrations';
import { integrationColumns, integrationTables, toIntegration } from '@collect/integrations';
import type { PoolClient } from 'pg';
import { IntegrationsDb } from './integrations-db';

/** One partition's start position for an integration (`integration_cursors`). */
export interface CursorPosition {
  readonly partition: number;
  readonly offset: bigint;
}

const integrations = integrationTables.integrations;
const cursors = integrationTables.integrationCursors;

/**
 * The `integrations` rows (the API is their only writer) and the cursors written at attach.
 * Every read names the organisation, so another organisation's integration is never found.
 */
@Injectable()
export class IntegrationStore {
  constructor(private readonly db: IntegrationsDb) {}

  /** Inserts the integration and one cursor per partition of `topic`, in the caller's transaction. */
  async insert(
    client: PoolClient,
    integration: Integration,
    topic: string,
    start: readonly CursorPosition[],
  ): Promise<void> {
    await client.query(
      `INSERT INTO ${integrations} (integration_id, org_id, form_id, type, name, config, state,
         version, backfill, attached_at, updated_at, detached_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, NULL)`,
      [
        integration.integrationId,
        integration.orgId,
        integration.formId,
        integration.type,
        integration.name,
        JSON.stringify(integration.config),
        integration.state,
        integration.version,
        integration.backfill,
        integration.attachedAt,
      ],
    );
    await client.query(
      `INSERT INTO ${cursors} (integration_id, topic, partition, next_offset)
       SELECT $1, $2, p.partition, p.next_offset
         FROM unnest($3::int[], $4::bigint[]) AS p(partition, next_offset)`,
      [
        integration.integrationId,
        topic,
        start.map((position) => position.partition),
        start.map((position) => position.offset.toString()),
      ],
    );
  }

  /** The row locked for a change (FOR UPDATE), in the caller's transaction. */
  async lock(
    client: PoolClient,
    orgId: string,
    integrationId: string,
  ): Promise<Integration | undefined> {
    const { rows } = await client.query<IntegrationRow>(
      `SELECT ${integrationColumns} FROM ${integrations} WHERE integration_id = $1 AND org_id = $2 FOR UPDATE`,
      [integrationId, orgId],
    );
    return rows[0] && toIntegration(rows[0]);
  }

  /** Writes a decided change over the row `lock` returned. */
  async update(client: PoolClient, next: Integration): Promise<void> {
    await client.query(
      `UPDATE ${integrations}
          SET name = $2, config = $3, state = $4, version = $5, updated_at = $6, detached_at = $7
        WHERE integration_id = $1 AND version = $5 - 1`,
      [
        next.integrationId,
        next.name,
        JSON.stringify(next.config),
        next.state,
        next.version,
        next.updatedAt,
        next.detachedAt,
      ],
    );
  }

  async find(orgId: string, integrationId: string): Promise<Integration | undefined> {
    const rows = await this.db.rows<IntegrationRow>(
      `SELECT ${integrationColumns} FROM ${integrations} WHERE integration_id = $1 AND org_id = $2`,
      [integrationId, orgId],
    );
    return rows[0] && toIntegration(rows[0]);
  }

  /** A form's integrations in attach order; detached ones only when asked for. */
  async listByForm(
    orgId: string,
    formId: string,
    includeDetached: boolean,
  ): Promise<Integration[]> {
    const rows = await this.db.rows<IntegrationRow>(
      `SELECT ${integrationColumns} FROM ${integrations}
        WHERE form_id = $1 AND org_id = $2 AND ($3 OR state <> 'detached')
        ORDER BY attached_at, integration_id`,
      [formId, orgId, includeDetached],
    );
    return rows.map(toIntegration);
  }

  /**
   * The cursors of an integration on `topic`, locked (FOR UPDATE) in the caller's transaction so
   * the runtime cannot move them between this read and the replay that sets them.
   */
  async lockCursors(
    client: PoolClient,
    integrationId: string,
    topic: string,
  ): Promise<CursorPosition[]> {
    const { rows } = await client.query<{ partition: number; next_offset: string }>(
      `SELECT partition, next_offset FROM ${cursors}
        WHERE integration_id = $1 AND topic = $2 ORDER BY partition FOR UPDATE`,
      [integrationId, topic],
    );
    return rows.map((row) => ({ partition: row.partition, offset: BigInt(row.next_offset) }));
  }
}
