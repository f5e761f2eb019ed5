import { formLimits } from '../../forms/domain';
import type { AnswerError } from './answer-error';

/** An entry of the submitted answers list, before its value is checked. */
export interface SubmittedAnswer {
  readonly questionId: string;
  readonly value: unknown;
}

export type SubmittedAnswers =
  | {
      readonly ok: true;
      readonly answers: readonly SubmittedAnswer[];
      readonly errors: readonly AnswerError[];
    }
  | { readonly ok: false; readonly errors: readonly AnswerError[] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads raw input as a list of `{ questionId, value }`. Malformed entries become errors and the
 * rest is still read, so a respondent sees every problem at once.
 */
export const readSubmittedAnswers = (input: unknown): SubmittedAnswers => {
  if (!Array.isArray(input)) {
    return {
      ok: false,
      errors: [
        {
          questionId: null,
          code: 'invalid_answers',
          message: 'Send answers as a list of { questionId, value }.',
        },
      ],
    };
  }
  if (input.length > formLimits.maxQuestions) {
    const message = `Send at most one answer per question (${formLimits.maxQuestions} at most); this has ${input.length}.`;
    return { ok: false, errors: [{ questionId: null, code: 'too_many_answers', message }] };
  }
  const answers: SubmittedAnswer[] = [];
  const errors: AnswerError[] = [];
  for (let index = 0; index < input.length; index++) {
    const entry: unknown = input[index];
    if (isRecord(entry) && typeof entry.questionId === 'string' && entry.questionId.length > 0) {
      answers.push({ questionId: entry.questionId, value: entry.value });
    } else {
      const message = `Answer #${index + 1} must be an object with a questionId string and a value.`;
      errors.push({ questionId: null, code: 'invalid_answer', message });
    }
  }
  return { ok: true, answers, errors };
};
