import { randomBytes } from 'node:crypto';

/** Who a bearer token speaks for, and what it may do. */
export interface TokenClaims {
  /** The service account's email: the "user" of per-user quotas. */
  readonly user: string;
  readonly project: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
}

const PREFIX = 'ya29.emulator.';
export const TOKEN_LIFETIME_SECONDS = 3599;

/**
 * Tokens carry their claims (not signed: the emulator protects nothing), so they stay valid
 * across emulator restarts as Google's do.
 */
export function issueAccessToken(claims: TokenClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${PREFIX}${payload}.${randomBytes(12).toString('hex')}`;
}

/**
 * The claims of an emulator token, or of a self-signed service-account JWT (what
 * google-auth-library sends instead of exchanging one when no scopes are set).
 */
export function readAccessToken(token: string, now: number): TokenClaims | undefined {
  const claims = token.startsWith(PREFIX) ? emulatorClaims(token) : selfSignedClaims(token);
  return claims && claims.expiresAt > now ? claims : undefined;
}

function emulatorClaims(token: string): TokenClaims | undefined {
  const payload = token.slice(PREFIX.length).split('.')[0] ?? '';
  const parsed = parseJson(Buffer.from(payload, 'base64url').toString('utf8')) as
    Partial<TokenClaims> | undefined;
  if (typeof parsed?.user !== 'string' || typeof parsed.project !== 'string') return undefined;
  if (!Array.isArray(parsed.scopes) || typeof parsed.expiresAt !== 'number') return undefined;
  return parsed as TokenClaims;
}

function selfSignedClaims(token: string): TokenClaims | undefined {
  const claims = decodeJwtPayload(token);
  if (!claims || typeof claims.iss !== 'string' || typeof claims.exp !== 'number') return undefined;
  const scope = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  return {
    user: claims.iss,
    project: projectOf(claims.iss),
    scopes: scope,
    expiresAt: claims.exp * 1000,
  };
}

/** The claims of a compact JWS, unverified; undefined when it is not one. */
export function decodeJwtPayload(jwt: string): Record<string, unknown> | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3) return undefined;
  const parsed = parseJson(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}

/** `name@my-project.iam.gserviceaccount.com` belongs to project `my-project`. */
export function projectOf(email: string): string {
  const domain = email.split('@')[1] ?? email;
  return domain.endsWith('.iam.gserviceaccount.com')
    ? domain.slice(0, -'.iam.gserviceaccount.com'.length)
    : domain;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
