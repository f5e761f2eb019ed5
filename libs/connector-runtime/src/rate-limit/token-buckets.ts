import type { Pool } from 'pg';
import type { RateLimit } from '../contract/connector';
import { fromDatabaseError } from '../errors/from-database-error';

export interface Grant {
  /** How many responses may be sent now (0: none). */
  readonly responses: number;
  /** When `responses` is 0: how long until a token is due. */
  readonly retryAfterMs: number;
}

/**
 * Token buckets in Postgres (`rate_limit_buckets`), shared by every replica of every connector:
 * each take is one UPDATE … RETURNING under the row lock, refilling by the time elapsed.
 */
export class TokenBuckets {
  constructor(
    private readonly pool: Pool,
    /** Prefixed to every bucket name (the connector type). */
    private readonly scope: string,
  ) {}

  /**
   * Takes tokens for up to `wanted` responses from every bucket of `limits` (all or a prefix of
   * the responses), refunding what a later bucket could not match.
   */
  async take(limits: readonly RateLimit[], wanted: number): Promise<Grant> {
    let allowed = wanted;
    const taken: Array<{ limit: RateLimit; tokens: number }> = [];
    let retryAfterMs = 0;
    for (const limit of limits) {
      const want = limit.per === 'call' ? 1 : allowed;
      const { granted, waitMs } = await this.takeFrom(limit, want);
      const responses = limit.per === 'call' ? (granted >= 1 ? allowed : 0) : granted;
      if (granted > 0) taken.push({ limit, tokens: granted });
      if (responses < allowed) {
        allowed = responses;
        retryAfterMs = Math.max(retryAfterMs, waitMs);
      }
      if (allowed === 0) break;
    }
    if (allowed < wanted) await this.refund(taken, allowed);
    return { responses: allowed, retryAfterMs: allowed === 0 ? retryAfterMs : 0 };
  }

  private async takeFrom(
    limit: RateLimit,
    want: number,
  ): Promise<{ granted: number; waitMs: number }> {
    const bucket = `${this.scope}:${limit.bucket}`;
    try {
      await this.pool.query(
        `INSERT INTO rate_limit_buckets (bucket, tokens, updated_at)
         VALUES ($1, $2, clock_timestamp()) ON CONFLICT (bucket) DO NOTHING`,
        [bucket, limit.capacity],
      );
      const { rows } = await this.pool.query<{ granted: number; available: number }>(
        `WITH current AS (
           SELECT bucket,
                  least($2::float8, tokens + greatest(0, extract(epoch FROM clock_timestamp() - updated_at))::float8 * $3::float8) AS available
             FROM rate_limit_buckets WHERE bucket = $1 FOR UPDATE
         )
         UPDATE rate_limit_buckets b
            SET tokens = c.available - least($4::float8, floor(c.available)), updated_at = clock_timestamp()
           FROM current c
          WHERE b.bucket = c.bucket
         RETURNING least($4::float8, floor(c.available)) AS granted, c.available`,
        [bucket, limit.capacity, limit.refillPerSecond, want],
      );
      const granted = Math.max(0, Number(rows[0]?.granted ?? 0));
      const available = Number(rows[0]?.available ?? 0);
      const waitMs =
        granted > 0
          ? 0
          : Math.ceil(((1 - available) / Math.max(limit.refillPerSecond, 1e-9)) * 1000);
      return { granted, waitMs };
    } catch (error) {
      throw fromDatabaseError(error, `taking tokens from ${bucket}`);
    }
  }

  /** Gives back the tokens taken beyond what every bucket allowed. */
  private async refund(
    taken: ReadonlyArray<{ limit: RateLimit; tokens: number }>,
    allowed: number,
  ): Promise<void> {
    for (const { limit, tokens } of taken) {
      const keep = limit.per === 'call' ? (allowed > 0 ? 1 : 0) : Math.min(tokens, allowed);
      if (tokens - keep <= 0) continue;
      try {
        await this.pool.query(
          `UPDATE rate_limit_buckets SET tokens = least($2::float8, tokens + $3::float8) WHERE bucket = $1`,
          [`${this.scope}:${limit.bucket}`, limit.capacity, tokens - keep],
        );
      } catch (error) {
        throw fromDatabaseError(error, 'refunding tokens');
      }
    }
  }
}
