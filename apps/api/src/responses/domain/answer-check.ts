import type { AnswerValue, Question } from '@collect/events';
import type { AnswerErrorCode } from './answer-error';

export type CheckResult =
  | { readonly ok: true; readonly value: AnswerValue }
  | { readonly ok: false; readonly code: AnswerErrorCode; readonly message: string };

/** Checks one non-empty answer against its question and returns the normalised value. */
export type AnswerCheck = (
  question: Question,
  value: unknown,
  pattern: RegExp | null,
) => CheckResult;

export const accept = (value: AnswerValue): CheckResult => ({ ok: true, value });
export const reject = (code: AnswerErrorCode, message: string): CheckResult => ({
  ok: false,
  code,
  message,
});

/** Length in characters as people count them (code points), matching the `u` flag of patterns. */
export const characterCount = (value: string): number => {
  let count = 0;
  for (const _ of value) count++;
  return count;
};
