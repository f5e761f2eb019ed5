// The auth contract of the API: capability controllers use exactly these.
export type { AuthContext } from './auth-context';
export type { Scope } from './scopes';
export { CurrentAuth, RequireAdmin, RequireScopes } from './decorators';
export { Authenticator, requireScopes } from './authenticator';
