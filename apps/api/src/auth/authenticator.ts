import type { IncomingHttpHeaders } from 'node:http';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error';
import { ApiKeyVerifier } from './api-key-verifier';
import type { AuthContext } from './auth-context';
import { presentedKey } from './credentials';
import { RateLimiter } from './rate-limiter';
import { attachAuth, authOf } from './request-auth';
import type { Scope } from './scopes';

/**
 * API-key authentication of one request: 401 for a missing or bad key, 429 past its rate limit,
 * 403 for a missing scope. The guard of Nest routes and the raw submission route share it.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly verifier: ApiKeyVerifier,
    private readonly limiter: RateLimiter,
  ) {}

  /** The request's AuthContext; authenticates (and spends a rate-limit token) once per request. */
  async authenticate(request: FastifyRequest): Promise<AuthContext> {
    const known = authOf(request);
    if (known) return known;
    const auth = await this.authenticateHeaders(request.headers);
    attachAuth(request, auth);
    return auth;
  }

  /**
   * The same checks for a route that authenticates its requests itself, exactly once (the raw
   * submission route): nothing is remembered on the request, so calling it twice spends twice.
   */
  async authenticateHeaders(headers: IncomingHttpHeaders): Promise<AuthContext> {
    const presented = presentedKey(headers);
    const auth =
      presented === undefined
        ? undefined
        : (this.verifier.recentlyVerified(presented) ?? (await this.verifier.verify(presented)));
    if (auth === undefined) {
      throw ApiError.unauthorized(
        'invalid-api-key',
        presented === undefined
          ? 'an API key is required: send Authorization: Bearer <key> or X-Api-Key: <key>'
          : 'the API key is malformed, unknown or revoked',
      );
    }
    this.limiter.consume(auth.keyId);
    return auth;
  }
}

/** 403 unless the key carries every `required` scope. */
export function requireScopes(auth: AuthContext, required: readonly Scope[]): void {
  const missing = required.filter((scope) => !auth.scopes.includes(scope));
  if (missing.length > 0) {
    throw new ApiError({
      code: 'missing-scope',
      status: 403,
      message: `this API key lacks the scope(s) ${missing.join(', ')}`,
      details: { missingScopes: missing },
    });
  }
}
