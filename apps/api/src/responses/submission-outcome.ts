import type { EventPosition } from '../events/event-position';
import type { ApiError } from '../http/api-error';
import type { AnswerError, EnvelopeError } from './domain';
import type { SubmissionInput } from './response-request';

/** The body of a 202, and what an Idempotency-Key remembers. */
export interface AcceptedResponse {
  readonly responseId: string;
  readonly formId: string;
  readonly formVersion: number;
  /** ISO 8601, UTC. */
  readonly submittedAt: string;
  /**
   * Where the event landed: pass it to a read (X-Collect-Min-Position) to read the response back
   * as soon as the read model has it. Absent in outcomes remembered before positions were kept.
   */
  readonly position?: EventPosition;
}

/** One problem with a submission; `path` is a JSON Pointer into the submission. */
export interface SubmissionError {
  readonly path: string;
  readonly code: string;
  readonly message: string;
  /** Set for answer problems: the offending question. */
  readonly questionId?: string;
}

export type SubmissionOutcome =
  | { readonly status: 202; readonly accepted: AcceptedResponse }
  | {
      readonly status: 400 | 404 | 409 | 422 | 500 | 503;
      readonly code: string;
      readonly message: string;
      /** The problem's title when not the status's reason phrase. */
      readonly title?: string;
      readonly errors?: readonly SubmissionError[];
      readonly retryAfterSeconds?: number;
    };

export type Rejection = Exclude<SubmissionOutcome, { status: 202 }>;

export const accepted = (response: AcceptedResponse): SubmissionOutcome => ({
  status: 202,
  accepted: response,
});

export const rejections = {
  formNotFound: (): Rejection => ({
    status: 404,
    code: 'form-not-found',
    message: 'The form was not found.',
  }),
  formNotPublished: (): Rejection => ({
    status: 409,
    code: 'form-not-published',
    message: 'The form has no published version yet; publish it before submitting responses.',
  }),
  formClosed: (): Rejection => ({
    status: 409,
    code: 'form-closed',
    message: 'The form is closed and accepts no more responses.',
  }),
  invalid: (errors: readonly SubmissionError[]): Rejection => ({
    status: 422,
    code: 'validation-failed',
    message: `The response has ${errors.length} problem(s); see errors.`,
    errors,
  }),
  keyReused: (): Rejection => ({
    status: 422,
    code: 'idempotency-key-reused',
    message:
      'This Idempotency-Key was already used with a different submission; use a new key for a different response.',
  }),
  keyInProgress: (): Rejection => ({
    status: 409,
    code: 'idempotency-key-in-progress',
    message: 'A request with this Idempotency-Key is still being processed; retry shortly.',
    retryAfterSeconds: 1,
  }),
  unavailable: (retryAfterSeconds: number): Rejection => ({
    status: 503,
    code: 'events-unavailable',
    message: 'The response could not be stored right now; retry with the same Idempotency-Key.',
    retryAfterSeconds,
  }),
  /** A body that is not JSON (400) or not a submission's shape (422), as the HTTP layer words it. */
  unreadable: (error: ApiError): Rejection => ({
    status: error.status === 400 ? 400 : 422,
    code: error.code,
    message: error.message,
    ...(error.title === undefined ? {} : { title: error.title }),
    ...(error.errors === undefined ? {} : { errors: error.errors }),
  }),
  publishFailed: (): Rejection => ({
    status: 500,
    code: 'publish-failed',
    message: 'The response could not be stored; it has been logged.',
  }),
};

/** Answer errors with a pointer to the offending answer (or to the list, when it is missing). */
export function answerErrors(
  errors: readonly AnswerError[],
  answers: SubmissionInput['answers'],
): SubmissionError[] {
  const indexOf = new Map<string, number>();
  answers.forEach(({ questionId }, index) => {
    if (!indexOf.has(questionId)) indexOf.set(questionId, index);
  });
  return errors.map(({ questionId, code, message }) => {
    if (questionId === null) return { path: '/answers', code, message };
    const index = indexOf.get(questionId);
    const path = index === undefined ? '/answers' : `/answers/${index}`;
    return { path, code, message, questionId };
  });
}

const envelopePaths: Readonly<Record<string, string>> = {
  hiddenFields: '/metadata/hiddenFields',
  locale: '/metadata/locale',
  source: '/metadata/source',
  submittedAt: '/submittedAt',
};

export function envelopeErrors(errors: readonly EnvelopeError[]): SubmissionError[] {
  return errors.map(({ field, code, message }) => ({
    path: envelopePaths[field] ?? `/${field}`,
    code,
    message,
  }));
}
