export interface RateLimit {
  /** Tokens added per second. */
  readonly perSecond: number;
  /** Bucket size: requests an idle caller may make at once. */
  readonly burst: number;
}

export type TakeResult =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

/**
 * One token bucket per caller, in this process only (every API replica has its own, so the
 * cluster-wide limit is replicas × perSecond). At most `maxCallers` buckets are kept; the least
 * recently used is dropped, which at worst gives that caller a full bucket again.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly maxCallers = 10_000,
  ) {}

  take(caller: string, nowMs: number): TakeResult {
    const bucket = this.refilled(caller, nowMs);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond)),
    };
  }

  private refilled(caller: string, nowMs: number): Bucket {
    const existing = this.buckets.get(caller);
    const bucket = existing ?? { tokens: this.limit.burst, updatedAtMs: nowMs };
    const elapsedMs = Math.max(0, nowMs - bucket.updatedAtMs);
    bucket.tokens = Math.min(
      this.limit.burst,
      bucket.tokens + (elapsedMs * this.limit.perSecond) / 1000,
    );
    bucket.updatedAtMs = nowMs;
    // Re-inserting keeps the Map in least-recently-used order.
    this.buckets.delete(caller);
    this.buckets.set(caller, bucket);
    if (this.buckets.size > this.maxCallers) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
    return bucket;
  }
}
