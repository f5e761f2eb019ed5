import { generateApiKey, isKeyId, parseApiKey, secretMatches, sha256 } from './api-key';
import { presentedKey } from './credentials';

describe('API keys', () => {
  it('look like ck_<24 hex keyId>_<43 base64url chars = 32 random bytes>', () => {
    const { key, keyId } = generateApiKey();
    expect(key).toMatch(/^ck_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`ck_${keyId}_`)).toBe(true);
    expect(Buffer.from(key.slice(28), 'base64url')).toHaveLength(32);
  });

  it('are never the same twice', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey().key));
    expect(keys.size).toBe(1000);
  });

  it('store only the SHA-256 of the secret, which the presented secret must match', () => {
    const { key, secretSha256 } = generateApiKey();
    const parsed = parseApiKey(key)!;
    expect(secretSha256.equals(sha256(parsed.secret))).toBe(true);
    expect(secretSha256.toString('hex')).not.toContain(parsed.secret);
    expect(secretMatches(parsed.secret, secretSha256)).toBe(true);
    expect(secretMatches(`${parsed.secret.slice(0, -1)}A`, secretSha256)).toBe(
      parsed.secret.endsWith('A'),
    );
  });

  it('parse even when the secret contains underscores', () => {
    const key = `ck_${'a'.repeat(24)}_${'_'.repeat(43)}`;
    expect(parseApiKey(key)).toEqual({ keyId: 'a'.repeat(24), secret: '_'.repeat(43) });
  });

  it.each([
    '',
    'ck_',
    `ck_${'a'.repeat(24)}_${'b'.repeat(42)}`,
    `ck_${'A'.repeat(24)}_${'b'.repeat(43)}`,
    `xx_${'a'.repeat(24)}_${'b'.repeat(43)}`,
    `ck_${'a'.repeat(24)}_${'b'.repeat(43)} `,
  ])('refuse the malformed key %j', (key) => {
    expect(parseApiKey(key)).toBeUndefined();
  });

  it('have key ids that are 24 hex characters', () => {
    expect(isKeyId(generateApiKey().keyId)).toBe(true);
    expect(isKeyId("1' OR '1'='1")).toBe(false);
  });
});

describe('presentedKey', () => {
  it('reads Authorization: Bearer, case-insensitively', () => {
    expect(presentedKey({ authorization: 'Bearer ck_x' })).toBe('ck_x');
    expect(presentedKey({ authorization: 'bearer   ck_x ' })).toBe('ck_x');
  });

  it('reads X-Api-Key when there is no Authorization header', () => {
    expect(presentedKey({ 'x-api-key': 'ck_y' })).toBe('ck_y');
  });

  it('finds nothing in another scheme, an empty header or no header', () => {
    expect(presentedKey({ authorization: 'Basic abc' })).toBeUndefined();
    expect(presentedKey({ 'x-api-key': '' })).toBeUndefined();
    expect(presentedKey({})).toBeUndefined();
  });
});
