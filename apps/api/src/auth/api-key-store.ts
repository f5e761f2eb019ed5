import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { scopes as knownScopes, type Scope } from './scopes';

export interface StoredApiKey {
  readonly keyId: string;
  readonly orgId: string;
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

interface ApiKeyRow {
  key_id: string;
  org_id: string;
  name: string;
  scopes: string[];
  created_at: Date;
  revoked_at: Date | null;
}

/** The `api_keys` table. Only a SHA-256 of each secret is stored. */
@Injectable()
export class ApiKeyStore {
  constructor(private readonly pool: Pool) {}

  async find(keyId: string): Promise<(StoredApiKey & { secretSha256: Buffer }) | undefined> {
    const { rows } = await this.pool.query<ApiKeyRow & { secret_sha256: Buffer }>(
      `SELECT key_id, org_id, name, scopes, created_at, revoked_at, secret_sha256
         FROM api_keys WHERE key_id = $1`,
      [keyId],
    );
    const row = rows[0];
    return row && { ...toStoredKey(row), secretSha256: row.secret_sha256 };
  }

  /** Undefined when the organisation does not exist. */
  async insert(key: {
    keyId: string;
    orgId: string;
    name: string;
    scopes: readonly Scope[];
    secretSha256: Buffer;
  }): Promise<StoredApiKey | undefined> {
    const { rows } = await this.pool.query<ApiKeyRow>(
      `INSERT INTO api_keys (key_id, org_id, name, scopes, secret_sha256)
       SELECT $1, org_id, $3, $4, $5 FROM organisations WHERE org_id = $2
       RETURNING key_id, org_id, name, scopes, created_at, revoked_at`,
      [key.keyId, key.orgId, key.name, key.scopes, key.secretSha256],
    );
    return rows[0] && toStoredKey(rows[0]);
  }

  async listByOrg(orgId: string, limit: number): Promise<StoredApiKey[]> {
    const { rows } = await this.pool.query<ApiKeyRow>(
      `SELECT key_id, org_id, name, scopes, created_at, revoked_at
         FROM api_keys WHERE org_id = $1 ORDER BY created_at, key_id LIMIT $2`,
      [orgId, limit],
    );
    return rows.map(toStoredKey);
  }

  /** Idempotent; false when the organisation has no such key. */
  async revoke(orgId: string, keyId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())
        WHERE org_id = $1 AND key_id = $2`,
      [orgId, keyId],
    );
    return rowCount === 1;
  }
}

function toStoredKey(row: ApiKeyRow): StoredApiKey {
  return {
    keyId: row.key_id,
    orgId: row.org_id,
    name: row.name,
    // A scope dropped from the code since the key was made grants nothing.
    scopes: row.scopes.filter((scope): scope is Scope =>
      (knownScopes as readonly string[]).includes(scope),
    ),
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
