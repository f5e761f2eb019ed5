import { Injectable } from '@nestjs/common';
import { integrationFunctions, integrationTables } from '@collect/integrations';
import {
  encodeCursor,
  isoMicros,
  isoMillis,
  pageOf,
  SqlParams,
  type KeysetPosition,
  type Page,
} from '../read-model';
import type { DeadLetterView } from './integration-views';
import { IntegrationsDb } from './integrations-db';

export interface DeadLetterFilter {
  readonly limit: number;
  readonly after?: KeysetPosition;
  /** Only those not redriven yet. */
  readonly pendingOnly: boolean;
}

interface DeadLetterRow {
  dead_letter_id: string;
  response_id: string;
  reason: string;
  source_topic: string | null;
  source_partition: number | null;
  source_offset: string | null;
  dlq_offset: string | null;
  created_at: string;
  redriven_at: string | null;
  cursor_at: string;
}

/**
 * One integration's dead letters (`connector_dead_letters`, written by the runtime) and their
 * redrive through the contract's `redrive_dead_letters` function.
 */
@Injectable()
export class DeadLetterStore {
  constructor(private readonly db: IntegrationsDb) {}

  /** Oldest first, keyset-paginated on (created_at, dead_letter_id). */
  async list(integrationId: string, filter: DeadLetterFilter): Promise<Page<DeadLetterView>> {
    const params = new SqlParams();
    const where = [`integration_id = ${params.add(integrationId)}`];
    if (filter.pendingOnly) where.push('redriven_at IS NULL');
    if (filter.after) {
      where.push(
        `(created_at, dead_letter_id) > (${params.add(filter.after.at)}::timestamptz, ${params.add(filter.after.id)}::uuid)`,
      );
    }
    const rows = await this.db.rows<DeadLetterRow>(
      `SELECT dead_letter_id, response_id, reason, source_topic, source_partition,
              source_offset::text AS source_offset, dlq_offset::text AS dlq_offset,
              ${isoMillis('created_at')} AS created_at, ${isoMillis('redriven_at')} AS redriven_at,
              ${isoMicros('created_at')} AS cursor_at
         FROM ${integrationTables.connectorDeadLetters}
        WHERE ${where.join(' AND ')}
        ORDER BY created_at, dead_letter_id
        LIMIT ${params.add(filter.limit + 1)}`,
      params.values,
    );
    return pageOf(rows, filter.limit, toView, (row) =>
      encodeCursor('dead-letters', { at: row.cursor_at, id: row.dead_letter_id }),
    );
  }

  /** Redrives the given dead letters (all not yet redriven when `ids` is undefined); returns how many. */
  async redrive(integrationId: string, ids: readonly string[] | undefined): Promise<number> {
    const rows = await this.db.rows<{ redriven: string }>(
      `SELECT ${integrationFunctions.redriveDeadLetters}($1, $2::uuid[]) AS redriven`,
      [integrationId, ids === undefined ? null : [...ids]],
    );
    return Number(rows[0]!.redriven);
  }
}

function toView(row: DeadLetterRow): DeadLetterView {
  return {
    deadLetterId: row.dead_letter_id,
    responseId: row.response_id,
    reason: row.reason,
    sourceTopic: row.source_topic,
    sourcePartition: row.source_partition,
    sourceOffset: row.source_offset,
    dlqOffset: row.dlq_offset,
    createdAt: row.created_at,
    redrivenAt: row.redriven_at,
  };
}
