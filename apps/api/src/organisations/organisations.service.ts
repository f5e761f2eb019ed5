import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { generateApiKey, isKeyId } from '../auth/api-key';
import { ApiKeyStore, type StoredApiKey } from '../auth/api-key-store';
import { ApiKeyVerifier } from '../auth/api-key-verifier';
import type { Scope } from '../auth/scopes';
import { ApiError } from '../http/api-error';
import type { ApiKeyView, CreatedApiKeyView, OrganisationView } from './organisation-schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_LISTED_KEYS = 1000;

/** Organisations and their API keys (admin operations). */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly pool: Pool,
    private readonly keys: ApiKeyStore,
    private readonly verifier: ApiKeyVerifier,
  ) {}

  async create(name: string): Promise<OrganisationView> {
    const { rows } = await this.pool.query<{ org_id: string; name: string; created_at: Date }>(
      'INSERT INTO organisations (org_id, name) VALUES ($1, $2) RETURNING org_id, name, created_at',
      [randomUUID(), name],
    );
    const row = rows[0]!;
    return { orgId: row.org_id, name: row.name, createdAt: row.created_at.toISOString() };
  }

  async createKey(
    orgId: string,
    name: string,
    scopes: readonly Scope[],
  ): Promise<CreatedApiKeyView> {
    const generated = generateApiKey();
    const stored = UUID.test(orgId)
      ? await this.keys.insert({ ...generated, orgId, name, scopes })
      : undefined;
    if (!stored) throw organisationNotFound(orgId);
    const { revokedAt: _never, ...view } = toView(stored);
    return { ...view, key: generated.key };
  }

  async listKeys(orgId: string): Promise<ApiKeyView[]> {
    if (!(await this.exists(orgId))) throw organisationNotFound(orgId);
    return (await this.keys.listByOrg(orgId, MAX_LISTED_KEYS)).map(toView);
  }

  async revokeKey(orgId: string, keyId: string): Promise<void> {
    const revoked = UUID.test(orgId) && isKeyId(keyId) && (await this.keys.revoke(orgId, keyId));
    if (!revoked) throw ApiError.notFound(`API key ${keyId} of organisation ${orgId}`);
    this.verifier.evict(keyId);
  }

  private async exists(orgId: string): Promise<boolean> {
    if (!UUID.test(orgId)) return false;
    const { rowCount } = await this.pool.query('SELECT 1 FROM organisations WHERE org_id = $1', [
      orgId,
    ]);
    return rowCount === 1;
  }
}

function organisationNotFound(orgId: string): ApiError {
  return ApiError.notFound(`organisation ${orgId}`);
}

function toView(key: StoredApiKey): ApiKeyView {
  return {
    keyId: key.keyId,
    orgId: key.orgId,
    name: key.name,
    scopes: [...key.scopes],
    createdAt: key.createdAt.toISOString(),
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
