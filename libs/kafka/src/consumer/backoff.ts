/** Jittered exponential backoff with a cap: attempt n waits about `initialMs * 2^n`, at most `maxMs`. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

/**
 * The delay before retry number `attempt` (0 = the first retry): "equal jitter", a uniformly
 * random point in the upper half of the capped exponential step, so replicas retrying the same
 * outage spread out yet never retry sooner than half the step.
 */
export function backoffDelayMs(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const step = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + (random() * step) / 2);
}
