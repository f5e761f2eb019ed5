/**
 * Masks personal data and credentials inside log values. Key-based redaction of known secret
 * fields is also done by pino's `redact` (see logger-options.ts); this catches what pino cannot
 * name in advance: phone numbers and tokens inside free text, and secret keys at any depth.
 */

export const REDACTED = '[redacted]';

// `+` (or its URL encoding) and 8-15 digits, not glued to other digits or word characters.
const PHONE = /(?<![\w+%])(\+|%2B)(\d{6,13})(\d{2})(?!\d)/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi;
const JWT = /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]+/g;

const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api[-_]?key|password|passwd|secret|client[-_]?secret|token|access[-_]?token|refresh[-_]?token|id[-_]?token|auth[-_]?token|private[-_]?key|credentials?)$/i;

const MAX_DEPTH = 8;

/** `+447700900123` → `+**********23`; bearer tokens and JWTs → `[redacted]`. */
export function maskString(text: string): string {
  return text
    .replace(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(
      PHONE,
      (_match, plus: string, hidden: string, kept: string) =>
        `${plus}${'*'.repeat(hidden.length)}${kept}`,
    );
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * Returns a copy of `value` with every string masked and every secret-named key redacted.
 * Walks plain objects and arrays only; class instances (Error, Date, Buffer, Secret) are left
 * for their serializers.
 */
export function redactSensitive(value: unknown): unknown {
  return redact(value, 0, new WeakSet());
}

function redact(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return maskString(value);
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  if (seen.has(value)) return value;
  if (Array.isArray(value)) {
    seen.add(value);
    return value.map((item) => redact(item, depth + 1, seen));
  }
  if (!isPlainObject(value)) return value;
  seen.add(value);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      isSecretKey(key) && item !== undefined && item !== null
        ? REDACTED
        : redact(item, depth + 1, seen);
  }
  return copy;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
