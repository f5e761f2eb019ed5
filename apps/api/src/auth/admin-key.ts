import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { sha256 } from './api-key';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options';

/** Checks the bootstrap admin key in constant time (hashes first, so lengths never leak). */
@Injectable()
export class AdminKey {
  private readonly adminSha256: Buffer;

  constructor(@Inject(AUTH_OPTIONS) options: AuthOptions) {
    this.adminSha256 = sha256(options.adminKey.reveal());
  }

  matches(presented: string): boolean {
    return timingSafeEqual(sha256(presented), this.adminSha256);
  }
}
