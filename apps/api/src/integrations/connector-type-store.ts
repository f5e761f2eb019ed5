import { Injectable } from '@nestjs/common';
import type { ConnectorTypeRecord } from '@collect/integrations';
import { integrationTables } from '@collect/integrations';
import { IntegrationsDb } from './integrations-db';

interface ConnectorTypeRow {
  type: string;
  config_schema: Record<string, unknown>;
  secret_paths: string[];
  description: string | null;
  registered_at: Date;
  updated_at: Date;
}

const table = integrationTables.connectorTypes;

/** The connector types the runtime registered (`connector_types`); read-only for the API. */
@Injectable()
export class ConnectorTypeStore {
  constructor(private readonly db: IntegrationsDb) {}

  async find(type: string): Promise<ConnectorTypeRecord | undefined> {
    const rows = await this.db.rows<ConnectorTypeRow>(`SELECT * FROM ${table} WHERE type = $1`, [
      type,
    ]);
    return rows[0] && toRecord(rows[0]);
  }

  /** Every registered type, for problems that list them. */
  async names(): Promise<string[]> {
    const rows = await this.db.rows<{ type: string }>(`SELECT type FROM ${table} ORDER BY type`);
    return rows.map((row) => row.type);
  }

  /** Secret paths of several types at once (reads of integrations redact with them). */
  async secretPaths(types: readonly string[]): Promise<ReadonlyMap<string, readonly string[]>> {
    if (types.length === 0) return new Map();
    const rows = await this.db.rows<{ type: string; secret_paths: string[] }>(
      `SELECT type, secret_paths FROM ${table} WHERE type = ANY ($1::text[])`,
      [[...new Set(types)]],
    );
    return new Map(rows.map((row) => [row.type, row.secret_paths]));
  }
}

function toRecord(row: ConnectorTypeRow): ConnectorTypeRecord {
  return {
    type: row.type,
    configSchema: row.config_schema,
    secretPaths: row.secret_paths,
    ...(row.description === null ? {} : { description: row.description }),
    registeredAt: row.registered_at,
    updatedAt: row.updated_at,
  };
}
