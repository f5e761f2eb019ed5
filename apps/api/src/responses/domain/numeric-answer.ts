import { accept, reject, type AnswerCheck } from './answer-check';

export const checkNumberAnswer: AnswerCheck = (question, value) => {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return reject('wrong_type', 'Enter a number.');
  const { min, max, integer } = question.constraints;
  if (integer === true && !Number.isInteger(value))
    return reject('not_integer', 'Enter a whole number.');
  if (min !== null && value < min) return reject('below_min', `Enter a number of at least ${min}.`);
  if (max !== null && value > max) return reject('above_max', `Enter a number of at most ${max}.`);
  return accept(value === 0 ? 0 : value);
};

const defaultScale = { min: 1, max: 5 } as const;

export const checkRatingAnswer: AnswerCheck = (question, value) => {
  const min = question.constraints.min ?? defaultScale.min;
  const max = question.constraints.max ?? defaultScale.max;
  const scale = `Pick a whole number from ${min} to ${max}.`;
  if (typeof value !== 'number' || !Number.isFinite(value)) return reject('wrong_type', scale);
  if (!Number.isInteger(value)) return reject('not_integer', scale);
  if (value < min) return reject('below_min', scale);
  if (value > max) return reject('above_max', scale);
  return accept(value === 0 ? 0 : value);
};
