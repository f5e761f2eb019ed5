import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `ck_<keyId>_<secret>`: keyId is 24 hex characters, secret 32 random bytes in base64url (43). */
const API_KEY = /^ck_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;
const KEY_ID = /^[0-9a-f]{24}$/;

export interface NewApiKey {
  readonly keyId: string;
  /** The whole key, shown to the caller once and never stored. */
  readonly key: string;
  /** What is stored: SHA-256 of the secret part. */
  readonly secretSha256: Buffer;
}

export function generateApiKey(): NewApiKey {
  const keyId = randomBytes(12).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, key: `ck_${keyId}_${secret}`, secretSha256: sha256(secret) };
}

/** Splits a presented key; undefined when it is not shaped like one of ours. */
export function parseApiKey(key: string): { keyId: string; secret: string } | undefined {
  const match = API_KEY.exec(key);
  return match ? { keyId: match[1]!, secret: match[2]! } : undefined;
}

export function isKeyId(value: string): boolean {
  return KEY_ID.test(value);
}

/**
 * A secret of 256 random bits needs no slow hash: SHA-256 cannot be reversed or brute-forced at
 * that entropy. The comparison is constant-time all the same.
 */
export function secretMatches(secret: string, storedSha256: Buffer): boolean {
  const presented = sha256(secret);
  return presented.length === storedSha256.length && timingSafeEqual(presented, storedSha256);
}

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
