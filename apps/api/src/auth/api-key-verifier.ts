import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '../http/api-error';
import type { AuthContext } from './auth-context';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options';
import { parseApiKey, secretMatches } from './api-key';
import { ApiKeyStore } from './api-key-store';
import { TtlCache } from './ttl-cache';

/** What the cache holds per keyId: the context and hash of a live key, or null (unknown/revoked). */
type CachedKey = {
  readonly context: AuthContext;
  readonly secretSha256: Buffer;
  /** When this row was read plus the TTL: nothing checked against it is trusted longer. */
  readonly expiresAtMs: number;
} | null;

const MAX_CACHED_KEYS = 10_000;

/**
 * Turns a presented API key into an AuthContext. Lookups are cached per keyId for
 * `keyCacheTtlMs` (bounded), so the hot path never waits for Postgres. Revoking evicts the key
 * on the replica that handled the revoke at once and on every other replica within the TTL.
 *
 * A key whose secret matched is also remembered whole (`verified`, bounded, oldest out first), so
 * its next requests skip the SHA-256 and the comparison: a Map lookup by the exact key string,
 * which only a byte-for-byte equal key can hit. Such an entry never outlives the keyId entry it
 * was checked against (the same TTL bound for revocations) and goes with it on `evict`. Keys are
 * secrets: the map lives only in this process's memory, as the requests presenting them do.
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly cache: TtlCache<string, CachedKey>;
  private readonly verified: TtlCache<string, AuthContext>;
  private readonly inFlight = new Map<string, Promise<CachedKey>>();
  private readonly now: () => number;
  private readonly ttlMs: number;

  constructor(
    private readonly store: ApiKeyStore,
    @Inject(AUTH_OPTIONS) options: AuthOptions,
  ) {
    this.cache = new TtlCache(options.keyCacheTtlMs, MAX_CACHED_KEYS);
    this.verified = new TtlCache(options.keyCacheTtlMs, MAX_CACHED_KEYS);
    this.now = options.clock ?? Date.now;
    this.ttlMs = options.keyCacheTtlMs;
  }

  /** The context of a key verified a moment ago, without hashing or waiting; else undefined. */
  recentlyVerified(presented: string): AuthContext | undefined {
    return this.verified.get(presented, this.now());
  }

  async verify(presented: string): Promise<AuthContext | undefined> {
    const recent = this.recentlyVerified(presented);
    if (recent !== undefined) return recent;
    const parsed = parseApiKey(presented);
    if (!parsed) return undefined;
    const cached = this.cache.get(parsed.keyId, this.now());
    const entry = cached !== undefined ? cached : await this.load(parsed.keyId);
    if (entry === null || !secretMatches(parsed.secret, entry.secretSha256)) return undefined;
    this.verified.set(presented, entry.context, this.now(), entry.expiresAtMs);
    return entry.context;
  }

  /** Forgets a key on this replica (after it was revoked here). */
  evict(keyId: string): void {
    this.cache.delete(keyId);
    this.verified.deleteWhere((context) => context.keyId === keyId);
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
    const now = this.now();
    const entry: CachedKey =
      stored && stored.revokedAt === null
        ? {
            context: Object.freeze({
              orgId: stored.orgId,
              keyId: stored.keyId,
              scopes: stored.scopes,
            }),
            secretSha256: stored.secretSha256,
            expiresAtMs: now + this.ttlMs,
          }
        : null;
    this.cache.set(keyId, entry, now);
    return entry;
  }
}
