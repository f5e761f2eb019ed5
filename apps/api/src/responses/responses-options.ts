import type { IdempotencyTimings } from './idempotency/idempotency-store';

export interface ResponsesModuleOptions {
  /** Batching of ResponseSubmitted events (kafkajs has no linger of its own). */
  readonly lingerMs?: number;
  readonly maxBatchMessages?: number;
  readonly maxBatchBytes?: number;
  /** Idempotency-Key lease, memory and wait; see IdempotencyTimings. */
  readonly idempotency?: Partial<IdempotencyTimings>;
  /** How often a replica deletes expired Idempotency-Keys. Defaults to 10 minutes. */
  readonly idempotencyCleanupEveryMs?: number;
}

export const RESPONSES_OPTIONS = Symbol('RESPONSES_OPTIONS');
