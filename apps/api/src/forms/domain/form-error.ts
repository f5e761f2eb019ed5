/** Machine-readable reasons a form command is rejected; the HTTP layer maps them to problem+json. */
export type FormErrorCode =
  | 'form_not_found'
  | 'form_exists'
  | 'version_conflict'
  | 'form_closed'
  | 'invalid_form_details'
  | 'invalid_question'
  | 'question_exists'
  | 'question_not_found'
  | 'question_in_use'
  | 'invalid_reorder'
  | 'invalid_rule'
  | 'nothing_to_publish';

export interface FormErrorDetails {
  /** Where in the command the problem is, e.g. `question.constraints.maxLength` or `rules[2].expression`. */
  readonly path?: string;
  readonly questionId?: string;
  readonly ruleId?: string;
  readonly currentVersion?: number;
  readonly expectedVersion?: number;
}

/**
 * The one error family of the forms capability. Every rejection is a client problem that the same
 * command can never fix by retrying, hence `retriable: false`; the message says what to change.
 */
export class FormError extends Error {
  override readonly name = 'FormError';
  readonly retriable = false;

  constructor(
    readonly code: FormErrorCode,
    message: string,
    readonly details: FormErrorDetails = {},
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isFormError = (error: unknown): error is FormError => error instanceof FormError;
