import { formLimits } from '../../forms/domain';
import { accept, characterCount, reject, type AnswerCheck } from './answer-check';

export const checkTextAnswer: AnswerCheck = (question, value, pattern) => {
  if (typeof value !== 'string') return reject('wrong_type', 'Enter text.');
  const { minLength, maxLength } = question.constraints;
  const cap =
    question.type === 'long_text' ? formLimits.longTextMaxLength : formLimits.shortTextMaxLength;
  const max = Math.min(maxLength ?? cap, cap);
  const length = characterCount(value);
  if (minLength !== null && length < minLength)
    return reject('too_short', `Enter at least ${minLength} characters.`);
  if (length > max)
    return reject('too_long', `Enter at most ${max} characters (this has ${length}).`);
  if (pattern && !pattern.test(value))
    return reject('pattern_mismatch', 'Enter the answer in the format the question asks for.');
  return accept(value);
};
