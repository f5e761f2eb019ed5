import { backoffDelayMs, type BackoffPolicy } from './backoff';

/** Whether an error is worth retrying: by default its own `retriable` flag (the app's error family). */
export type RetriableClassifier = (error: unknown) => boolean;

export const retriableFlag: RetriableClassifier = (error) =>
  typeof error === 'object' &&
  error !== null &&
  (error as { retriable?: unknown }).retriable === true;

export interface RetryOptions {
  readonly backoff: BackoffPolicy;
  readonly isRetriable: RetriableClassifier;
  /** Waits `delayMs` (heartbeating meanwhile); resolves false to give up (stopping, rebalance). */
  readonly wait: (delayMs: number) => Promise<boolean>;
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  readonly random?: () => number;
}

export type RetryOutcome<T> =
  | { readonly status: 'done'; readonly value: T }
  | { readonly status: 'abandoned'; readonly lastError: unknown };

/**
 * The one retry engine: runs `operation` until it succeeds, retrying retriable failures with
 * jittered exponential backoff and no attempt limit (nothing may be skipped), until `wait` says
 * to give up. A failure that is not retriable (a programmer error) is thrown at once.
 */
export async function retryWhileRetriable<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<RetryOutcome<T>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return { status: 'done', value: await operation(attempt) };
    } catch (error) {
      if (!options.isRetriable(error)) throw error;
      const delayMs = backoffDelayMs(options.backoff, attempt, options.random);
      options.onRetry?.(error, attempt, delayMs);
      if (!(await options.wait(delayMs))) return { status: 'abandoned', lastError: error };
    }
  }
}
