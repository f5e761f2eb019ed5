import { ApiError } from '../http';
import { idempotencyKeyProblem } from './response-request';
import type { SubmissionOutcome } from './submission-outcome';

export const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Idempotency-Key header, checked; 400 when it is malformed or sent twice. */
export function readIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) {
    throw ApiError.badRequest('invalid-idempotency-key', 'Send one Idempotency-Key header.');
  }
  const problem = idempotencyKeyProblem(header);
  if (problem) throw ApiError.badRequest('invalid-idempotency-key', problem);
  return header;
}

/** The problem+json error a rejected submission answers with. */
export function problemOf(outcome: Exclude<SubmissionOutcome, { status: 202 }>): ApiError {
  return new ApiError({
    code: outcome.code,
    status: outcome.status,
    title: outcome.title,
    message: outcome.message,
    errors: outcome.errors,
    retryAfterSeconds: outcome.retryAfterSeconds,
  });
}
