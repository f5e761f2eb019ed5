import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '../http/api-error';
import type { AuthContext } from './auth-context';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options';
import { parseApiKey, secretMatches } from './api-key';
import { ApiKeyStore } from './api-key-store';
import { TtlCache } from './ttl-cache';

/** What the cache holds per keyId: the context and hash of a live key, or null (unknown/revoked). */
type CachedKey = { readonly context: AuthContext; readonly secretSha256: Buffer } | null;

const MAX_CACHED_KEYS = 10_000;

/**
 * Turns a presented API key into an AuthContext. Lookups are cached per keyId for
 * `keyCacheTtlMs` (bounded), so the hot path never waits for Postgres; the secret is still
 * compared (constant-time) on every request. Revoking evicts the key on the replica that
 * handled the revoke at once and on every other replica within the TTL.
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly cache: TtlCache<string, CachedKey>;
  private readonly inFlight = new Map<string, Promise<CachedKey>>();
  private readonly now: () => number;

  constructor(
    private readonly store: ApiKeyStore,
    @Inject(AUTH_OPTIONS) options: AuthOptions,
  ) {
    this.cache = new TtlCache(options.keyCacheTtlMs, MAX_CACHED_KEYS);
    this.now = options.clock ?? Date.now;
  }

  async verify(presented: string): Promise<AuthContext | undefined> {
    const parsed = parseApiKey(presented);
    if (!parsed) return undefined;
    const cached = this.cache.get(parsed.keyId, this.now());
    const entry = cached !== undefined ? cached : await this.load(parsed.keyId);
    if (entry === null || !secretMatches(parsed.secret, entry.secretSha256)) return undefined;
    return entry.context;
  }

  /** Forgets a key on this replica (after it was revoked here). */
  evict(keyId: string): void {
    this.cache.delete(keyId);
  }

  /** One Postgres query per keyId at a time, however many requests wait for it. */
  private load(keyId: string): Promise<CachedKey> {
    const pending = this.inFlight.get(keyId);
    if (pending) return pending;
    const loading = this.fetch(keyId).finally(() => this.inFlight.delete(keyId));
    this.inFlight.set(keyId, loading);
    return loading;
  }

  private async fetch(keyId: string): Promise<CachedKey> {
    let stored;
    try {
      stored = await this.store.find(keyId);
    } catch (error) {
      throw ApiError.unavailable(
        'auth-unavailable',
        'API keys cannot be checked right now; retry later',
        5,
        error,
      );
    }
    const entry: CachedKey =
      stored && stored.revokedAt === null
        ? {
            context: Object.freeze({
              orgId: stored.orgId,
              keyId: stored.keyId,
              scopes: stored.scopes,
            }),
            secretSha256: stored.secretSha256,
          }
        : null;
    this.cache.set(keyId, entry, this.now());
    return entry;
  }
}
