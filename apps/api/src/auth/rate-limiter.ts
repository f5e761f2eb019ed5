import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '../http/api-error';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options';
import { TokenBuckets } from './token-bucket';

/** Per-API-key token buckets of this replica; throws the 429 problem (with Retry-After). */
@Injectable()
export class RateLimiter {
  private readonly buckets: TokenBuckets;
  private readonly now: () => number;

  constructor(@Inject(AUTH_OPTIONS) options: AuthOptions) {
    this.buckets = new TokenBuckets(options.rateLimit);
    this.now = options.clock ?? Date.now;
  }

  consume(caller: string): void {
    const result = this.buckets.take(caller, this.now());
    if (!result.allowed) throw ApiError.rateLimited(result.retryAfterSeconds);
  }
}
