import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error';
import { ApiKeyVerifier } from './api-key-verifier';
import { presentedKey } from './credentials';
import { RateLimiter } from './rate-limiter';
import { attachAuth, authOf } from './request-auth';
import type { Scope } from './scopes';

export const REQUIRED_SCOPES = Symbol('REQUIRED_SCOPES');

/**
 * Authenticates the API key (401), spends one token of its rate limit (429) and checks the
 * scopes named by RequireScopes (403; a method's list replaces its class's).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: ApiKeyVerifier,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    // Class and method decorators both install this guard; authenticate (and count) once.
    let auth = authOf(request);
    if (auth === undefined) {
      const presented = presentedKey(request.headers);
      auth = presented === undefined ? undefined : await this.verifier.verify(presented);
      if (auth === undefined) {
        throw ApiError.unauthorized(
          'invalid-api-key',
          presented === undefined
            ? 'an API key is required: send Authorization: Bearer <key> or X-Api-Key: <key>'
            : 'the API key is malformed, unknown or revoked',
        );
      }
      this.limiter.consume(auth.keyId);
      attachAuth(request, auth);
    }
    const required =
      this.reflector.getAllAndOverride<readonly Scope[] | undefined>(REQUIRED_SCOPES, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const granted = auth.scopes;
    const missing = required.filter((scope) => !granted.includes(scope));
    if (missing.length > 0) {
      throw new ApiError({
        code: 'missing-scope',
        status: 403,
        message: `this API key lacks the scope(s) ${missing.join(', ')}`,
        details: { missingScopes: missing },
      });
    }
    return true;
  }
}
