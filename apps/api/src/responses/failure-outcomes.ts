import { rejections, type SubmissionOutcome } from './submission-outcome';

/**
 * Seconds a retriable error asks to wait (0 when it does not say), or undefined when the error is
 * not retriable. Errors are read by shape: the forms view and the producer each throw their own.
 */
function retryAfterOf(error: unknown): number | undefined {
  const { retriable, retryAfterSeconds } = (error ?? {}) as {
    retriable?: unknown;
    retryAfterSeconds?: unknown;
  };
  if (retriable !== true) return undefined;
  return typeof retryAfterSeconds === 'number' ? retryAfterSeconds : 0;
}

/** 503 with the error's Retry-After (else the default) when the error is retriable. */
export function unavailableOutcome(
  error: unknown,
  defaultRetryAfterSeconds: number,
): SubmissionOutcome | undefined {
  const retryAfter = retryAfterOf(error);
  return retryAfter === undefined
    ? undefined
    : rejections.unavailable(retryAfter || defaultRetryAfterSeconds);
}

/** A publish that failed: 503 with Retry-After when Kafka may take it later, else 500. */
export function publishFailure(
  error: unknown,
  defaultRetryAfterSeconds: number,
): SubmissionOutcome {
  return unavailableOutcome(error, defaultRetryAfterSeconds) ?? rejections.publishFailed();
}
