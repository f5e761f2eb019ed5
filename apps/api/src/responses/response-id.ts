import { randomUUID } from 'node:crypto';

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Time-ordered, so
 * response ids sort by arrival and index well; unguessable enough for ids (74 random bits).
 * Built from `randomUUID()` (whose random bits Node draws from a cached pool): the first 48 bits
 * become the timestamp and the version nibble becomes 7; the variant bits already match.
 */
export function uuidV7(now: number = Date.now()): string {
  const random = randomUUID();
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
