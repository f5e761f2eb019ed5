import type { Scope } from './scopes';

/** Who is calling: resolved from the API key by the guard, attached to the request. */
export interface AuthContext {
  readonly orgId: string;
  readonly keyId: string;
  readonly scopes: readonly Scope[];
}
