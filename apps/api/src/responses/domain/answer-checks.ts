import type { QuestionType } from '@collect/events';
import { accept, reject, type AnswerCheck } from './answer-check';
import { checkMultipleChoiceAnswer, checkSingleChoiceAnswer } from './choice-answer';
import { checkDateAnswer } from './date-answer';
import { checkEmailAnswer } from './email-answer';
import { checkNumberAnswer, checkRatingAnswer } from './numeric-answer';
import { checkPhoneAnswer } from './phone-answer';
import { checkTextAnswer } from './text-answer';

const checkBooleanAnswer: AnswerCheck = (_question, value) =>
  typeof value === 'boolean' ? accept(value) : reject('wrong_type', 'Answer true or false.');

export const answerChecks: Readonly<Record<QuestionType, AnswerCheck>> = {
  short_text: checkTextAnswer,
  long_text: checkTextAnswer,
  number: checkNumberAnswer,
  email: checkEmailAnswer,
  phone: checkPhoneAnswer,
  single_choice: checkSingleChoiceAnswer,
  multiple_choice: checkMultipleChoiceAnswer,
  date: checkDateAnswer,
  boolean: checkBooleanAnswer,
  rating: checkRatingAnswer,
};

/** Absent, null, blank text and empty lists all mean "not answered". */
export const isUnanswered = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);
