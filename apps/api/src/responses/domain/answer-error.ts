export type AnswerErrorCode =
  | 'invalid_answers'
  | 'too_many_answers'
  | 'invalid_answer'
  | 'unknown_question'
  | 'duplicate_answer'
  | 'required'
  | 'wrong_type'
  | 'too_short'
  | 'too_long'
  | 'pattern_mismatch'
  | 'below_min'
  | 'above_max'
  | 'not_integer'
  | 'invalid_email'
  | 'invalid_phone'
  | 'unknown_option'
  | 'duplicate_option'
  | 'too_few_selected'
  | 'too_many_selected'
  | 'invalid_date'
  | 'rule_violated';

/** One problem with a submitted response; `questionId` is null when no single question is at fault. */
export interface AnswerError {
  readonly questionId: string | null;
  readonly code: AnswerErrorCode;
  /** Addressed to the respondent: says what to enter instead. */
  readonly message: string;
}
