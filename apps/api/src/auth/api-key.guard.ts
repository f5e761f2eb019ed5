import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Authenticator, requireScopes } from './authenticator';
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
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Class and method decorators both install this guard; the Authenticator counts a request once.
    const auth = await this.authenticator.authenticate(
      context.switchToHttp().getRequest<FastifyRequest>(),
    );
    const required =
      this.reflector.getAllAndOverride<readonly Scope[] | undefined>(REQUIRED_SCOPES, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    requireScopes(auth, required);
    return true;
  }
}
