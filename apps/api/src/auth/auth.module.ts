import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AdminKey } from './admin-key';
import { AdminGuard } from './admin.guard';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyStore } from './api-key-store';
import { ApiKeyVerifier } from './api-key-verifier';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options';
import { Authenticator } from './authenticator';
import { RateLimiter } from './rate-limiter';

/**
 * API keys, the admin key and rate limits. Global, so RequireScopes/RequireAdmin work on any
 * module's controllers; needs the pg Pool (DatabaseModule).
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    const providers = [
      { provide: AUTH_OPTIONS, useValue: options },
      AdminKey,
      AdminGuard,
      ApiKeyGuard,
      ApiKeyStore,
      ApiKeyVerifier,
      Authenticator,
      RateLimiter,
    ];
    return { module: AuthModule, providers, exports: providers };
  }
}
