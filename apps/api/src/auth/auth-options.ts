import type { Secret } from '@collect/platform';
import type { RateLimit } from './token-bucket';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export interface AuthOptions {
  /** The bootstrap admin key (API_ADMIN_KEY). */
  readonly adminKey: Secret;
  /** How long a verified (or unknown) key is trusted without asking Postgres. */
  readonly keyCacheTtlMs: number;
  /** Per API key, per replica. */
  readonly rateLimit: RateLimit;
  /** Injected in tests; defaults to Date.now. */
  readonly clock?: () => number;
}
