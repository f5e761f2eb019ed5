import type { AuthContext } from './auth-context';

/** The AuthContext of each authenticated request (keyed by the request object). */
const contexts = new WeakMap<object, AuthContext>();

export function attachAuth(request: object, auth: AuthContext): void {
  contexts.set(request, auth);
}

export function authOf(request: object): AuthContext | undefined {
  return contexts.get(request);
}
