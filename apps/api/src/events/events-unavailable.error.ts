import { ApiError } from '../http/api-error';

/**
 * Kafka (or the forms view that reads it) did not answer in time, so nothing was acknowledged.
 * Retriable: the problem filter answers 503 with `Retry-After: retryAfterSeconds`.
 */
export class EventsUnavailableError extends ApiError {
  override readonly name = 'EventsUnavailableError';

  constructor(message: string, retryAfterSeconds: number, options?: { readonly cause?: unknown }) {
    super({
      code: 'events-unavailable',
      status: 503,
      title: 'Service Unavailable',
      message: `${message}; nothing was recorded, retry later`,
      retriable: true,
      retryAfterSeconds,
      cause: options?.cause,
    });
  }
}

export const isEventsUnavailable = (error: unknown): error is EventsUnavailableError =>
  error instanceof EventsUnavailableError;
