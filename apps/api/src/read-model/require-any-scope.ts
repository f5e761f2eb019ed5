import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RequireScopes, type Scope } from '../auth';
import { authOf } from '../auth/request-auth';
import { ApiError } from '../http';

const ANY_OF_SCOPES = Symbol('ANY_OF_SCOPES');

/**
 * Like RequireScopes, but one of the listed scopes is enough (e.g. reading a form needs
 * `forms:read` or `forms:write`). The API key guard authenticates first; this guard then checks.
 */
export function RequireAnyScope(...scopes: Scope[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    RequireScopes(),
    SetMetadata(ANY_OF_SCOPES, scopes),
    UseGuards(AnyScopeGuard),
  );
}

@Injectable()
export class AnyScopeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const anyOf =
      this.reflector.getAllAndOverride<readonly Scope[] | undefined>(ANY_OF_SCOPES, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const auth = authOf(context.switchToHttp().getRequest<object>());
    if (auth === undefined) throw new Error('RequireAnyScope() ran before the API key guard');
    if (anyOf.length === 0 || anyOf.some((scope) => auth.scopes.includes(scope))) return true;
    throw new ApiError({
      code: 'missing-scope',
      status: 403,
      message: `this API key needs one of the scopes ${anyOf.join(', ')}`,
      details: { missingScopes: anyOf },
    });
  }
}
