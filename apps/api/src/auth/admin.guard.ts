import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error';
import { AdminKey } from './admin-key';
import { ApiKeyVerifier } from './api-key-verifier';
import { presentedKey } from './credentials';
import { RateLimiter } from './rate-limiter';

const ADMIN_CALLER = 'admin';

/** Lets only the bootstrap admin key through: an organisation's key gets 403, anything else 401. */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(
    private readonly adminKey: AdminKey,
    private readonly verifier: ApiKeyVerifier,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const presented = presentedKey(request.headers);
    if (presented !== undefined && this.adminKey.matches(presented)) {
      this.limiter.consume(ADMIN_CALLER);
      return true;
    }
    if (presented !== undefined && (await this.verifier.verify(presented)) !== undefined) {
      throw ApiError.forbidden(
        'admin-key-required',
        'this endpoint needs the admin key; organisation API keys cannot use it',
      );
    }
    throw ApiError.unauthorized(
      'invalid-admin-key',
      'the admin key is required: send Authorization: Bearer <API_ADMIN_KEY>',
    );
  }
}
