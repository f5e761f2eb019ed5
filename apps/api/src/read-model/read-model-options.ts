/** How reads wait for the projection (read-your-writes). */
export interface ReadModelOptions {
  /** How long a read that names positions waits when it does not say (ms). Defaults to 5 s. */
  readonly defaultWaitMs?: number;
  /** The longest wait a read may ask for (ms); more answers 422. Defaults to 30 s. */
  readonly maxWaitMs?: number;
  /** First and longest pause between two looks at `read_model.offsets` while reads wait (ms). */
  readonly minPollMs?: number;
  readonly maxPollMs?: number;
  /** Retry-After (seconds) of a 503 projection-lagging. Defaults to 1. */
  readonly retryAfterSeconds?: number;
}

export type ResolvedReadModelOptions = Required<ReadModelOptions>;

export const READ_MODEL_OPTIONS = Symbol('READ_MODEL_OPTIONS');

export function resolveReadModelOptions(options: ReadModelOptions = {}): ResolvedReadModelOptions {
  return {
    defaultWaitMs: options.defaultWaitMs ?? 5_000,
    maxWaitMs: options.maxWaitMs ?? 30_000,
    minPollMs: options.minPollMs ?? 10,
    maxPollMs: options.maxPollMs ?? 250,
    retryAfterSeconds: options.retryAfterSeconds ?? 1,
  };
}
