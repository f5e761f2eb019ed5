import { Secret } from '@collect/platform';
import { generateApiKey } from './api-key';
import type { ApiKeyStore } from './api-key-store';
import { ApiKeyVerifier } from './api-key-verifier';
import type { AuthOptions } from './auth-options';

function setUp(ttlMs = 30_000) {
  const generated = generateApiKey();
  let now = 0;
  let revokedAt: Date | null = null;
  let failing = false;
  const find = jest.fn((keyId: string) => {
    if (failing) return Promise.reject(new Error('connection refused'));
    return Promise.resolve(
      keyId === generated.keyId
        ? {
            keyId,
            orgId: 'org-1',
            name: 'k',
            scopes: ['forms:read' as const],
            createdAt: new Date(0),
            revokedAt,
            secretSha256: generated.secretSha256,
          }
        : undefined,
    );
  });
  const options: AuthOptions = {
    adminKey: new Secret('x'.repeat(32)),
    keyCacheTtlMs: ttlMs,
    rateLimit: { perSecond: 1, burst: 1 },
    clock: () => now,
  };
  const verifier = new ApiKeyVerifier({ find } as unknown as ApiKeyStore, options);
  return {
    verifier,
    find,
    key: generated.key,
    keyId: generated.keyId,
    advance: (ms: number) => (now += ms),
    revoke: () => (revokedAt = new Date()),
    failPostgres: () => (failing = true),
  };
}

describe('ApiKeyVerifier', () => {
  it('resolves a valid key to its organisation, key id and scopes', async () => {
    const { verifier, key, keyId } = setUp();
    expect(await verifier.verify(key)).toEqual({ orgId: 'org-1', keyId, scopes: ['forms:read'] });
  });

  it('asks Postgres once per key per TTL, however many requests use it', async () => {
    const { verifier, key, find, advance } = setUp();
    await Promise.all(Array.from({ length: 20 }, () => verifier.verify(key)));
    advance(29_000);
    await verifier.verify(key);
    expect(find).toHaveBeenCalledTimes(1);
    advance(2_000);
    await verifier.verify(key);
    expect(find).toHaveBeenCalledTimes(2);
  });

  it('still compares the secret when the key id is cached', async () => {
    const { verifier, key } = setUp();
    await verifier.verify(key);
    const forged = `${key.slice(0, -2)}${key.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await verifier.verify(forged)).toBeUndefined();
  });

  it('stops accepting a revoked key within the cache TTL on every replica', async () => {
    const { verifier, key, revoke, advance } = setUp(30_000);
    expect(await verifier.verify(key)).toBeDefined();
    revoke(); // on another replica: this one still has the key cached
    advance(30_000);
    expect(await verifier.verify(key)).toBeUndefined();
  });

  it('remembers a verified key by its exact bytes only', async () => {
    const { verifier, key, keyId } = setUp();
    expect(verifier.recentlyVerified(key)).toBeUndefined();
    await verifier.verify(key);
    expect(verifier.recentlyVerified(key)).toMatchObject({ keyId });
    const forged = `${key.slice(0, -2)}${key.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(verifier.recentlyVerified(forged)).toBeUndefined();
    expect(await verifier.verify(forged)).toBeUndefined();
  });

  it('never trusts a remembered key longer than the key row it was checked against', async () => {
    const { verifier, key, revoke, advance } = setUp(30_000);
    const otherSecret = `${key.slice(0, -2)}${key.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await verifier.verify(otherSecret)).toBeUndefined(); // reads the key row at t=0
    advance(29_000);
    expect(await verifier.verify(key)).toBeDefined(); // checked against the t=0 row
    revoke(); // on another replica
    advance(1_000);
    expect(verifier.recentlyVerified(key)).toBeUndefined();
    expect(await verifier.verify(key)).toBeUndefined();
  });

  it('forgets a key at once when it is evicted on this replica', async () => {
    const { verifier, key, keyId, revoke } = setUp();
    await verifier.verify(key);
    revoke();
    verifier.evict(keyId);
    expect(await verifier.verify(key)).toBeUndefined();
  });

  it('rejects unknown and malformed keys, caching unknown ids too', async () => {
    const { verifier, find } = setUp();
    const unknown = generateApiKey().key;
    expect(await verifier.verify(unknown)).toBeUndefined();
    expect(await verifier.verify(unknown)).toBeUndefined();
    expect(await verifier.verify('not-a-key')).toBeUndefined();
    expect(find).toHaveBeenCalledTimes(1);
  });

  it('answers 503 auth-unavailable when Postgres cannot be asked', async () => {
    const { verifier, key, failPostgres } = setUp();
    failPostgres();
    await expect(verifier.verify(key)).rejects.toMatchObject({
      status: 503,
      code: 'auth-unavailable',
    });
  });
});
