import { isCalendarDate } from '../../forms/domain';
import { accept, reject, type AnswerCheck } from './answer-check';

export const checkDateAnswer: AnswerCheck = (question, value) => {
  if (typeof value !== 'string' || !isCalendarDate(value))
    return reject('invalid_date', 'Enter a real date as YYYY-MM-DD, e.g. 2024-02-29.');
  const { minDate, maxDate } = question.constraints;
  // YYYY-MM-DD strings order like the dates they name.
  if (minDate !== null && value < minDate)
    return reject('below_min', `Enter a date on or after ${minDate}.`);
  if (maxDate !== null && value > maxDate)
    return reject('above_max', `Enter a date on or before ${maxDate}.`);
  return accept(value);
};
