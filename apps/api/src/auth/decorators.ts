import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ApiProblemResponses } from '../openapi/decorators';
import {
  ADMIN_KEY_SCHEME,
  BEARER_KEY_SCHEME,
  HEADER_KEY_SCHEME,
} from '../openapi/security-schemes';
import { AdminGuard } from './admin.guard';
import { ApiKeyGuard, REQUIRED_SCOPES } from './api-key.guard';
import type { AuthContext } from './auth-context';
import { authOf } from './request-auth';
import type { Scope } from './scopes';

/**
 * On a controller or route: the request needs an organisation API key (`Authorization: Bearer
 * <key>` or `X-Api-Key: <key>`) holding every listed scope. 401 for a missing, malformed, unknown
 * or revoked key, 403 for a missing scope, 429 past the key's rate limit. On a method it replaces
 * the class's list. Also documents the security and those problems in OpenAPI.
 */
export function RequireScopes(...scopes: Scope[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_SCOPES, scopes),
    UseGuards(ApiKeyGuard),
    ApiBearerAuth(BEARER_KEY_SCHEME),
    ApiSecurity(HEADER_KEY_SCHEME),
    ApiProblemResponses(401, 403, 429),
  );
}

/** Only the bootstrap admin key (API_ADMIN_KEY) may call it: 401 otherwise, 403 for an org key. */
export function RequireAdmin(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(AdminGuard),
    ApiBearerAuth(ADMIN_KEY_SCHEME),
    ApiProblemResponses(401, 403, 429),
  );
}

/** The caller's AuthContext, on a route guarded by RequireScopes. */
export const CurrentAuth = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthContext => {
    const auth = authOf(context.switchToHttp().getRequest<object>());
    if (auth === undefined) {
      throw new Error('CurrentAuth() used on a route without RequireScopes()');
    }
    return auth;
  },
);
