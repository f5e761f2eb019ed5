import { ApiError } from '../http';
import type { FormError, FormErrorCode } from './domain';

const statusOf: Readonly<Record<FormErrorCode, number>> = {
  form_not_found: 404,
  question_not_found: 404,
  form_exists: 409,
  version_conflict: 409,
  form_closed: 409,
  invalid_form_details: 422,
  invalid_question: 422,
  question_exists: 422,
  question_in_use: 422,
  invalid_reorder: 422,
  invalid_rule: 422,
  nothing_to_publish: 422,
};

/** `question.constraints.maxLength` / `rules[2].expression` → `/question/constraints/maxLength` / `/rules/2/expression`. */
export function pointerOf(path: string): string {
  const segments = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((segment) => segment.length > 0)
    .map((segment) => segment.replace(/~/g, '~0').replace(/\//g, '~1'));
  return segments.length === 0 ? '' : `/${segments.join('/')}`;
}

/**
 * The problem a rejected form command answers with: 404 for unknown forms and questions (also
 * another organisation's form), 409 for conflicts (with `currentVersion` on a stale version),
 * 422 for everything the client must change in the command. Codes are the domain's, kebab-cased.
 */
export function formProblem(error: FormError): ApiError {
  const status = statusOf[error.code];
  const code = error.code.replace(/_/g, '-');
  const { path, questionId, ruleId, currentVersion, expectedVersion } = error.details;
  if (status === 422) {
    return new ApiError({
      code,
      status,
      title: 'Unprocessable Content',
      message: error.message,
      errors: [{ path: pointerOf(path ?? ''), code, message: error.message }],
      details: { ...(questionId ? { questionId } : {}), ...(ruleId ? { ruleId } : {}) },
      cause: error,
    });
  }
  return new ApiError({
    code,
    status,
    message: error.message,
    details: {
      ...(currentVersion !== undefined ? { currentVersion } : {}),
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      ...(status === 404 && questionId ? { questionId } : {}),
    },
    cause: error,
  });
}
