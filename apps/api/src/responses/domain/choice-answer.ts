import type { Question } from '@collect/events';
import { accept, reject, type AnswerCheck } from './answer-check';

const optionIds = (question: Question): readonly string[] =>
  (question.constraints.options ?? []).map((option) => option.optionId);
const listed = (ids: readonly string[]): string => ids.map((id) => `"${id}"`).join(', ');

export const checkSingleChoiceAnswer: AnswerCheck = (question, value) => {
  const allowed = optionIds(question);
  if (typeof value !== 'string' || !allowed.includes(value))
    return reject('unknown_option', `Pick one of ${listed(allowed)}.`);
  return accept(value);
};

export const checkMultipleChoiceAnswer: AnswerCheck = (question, value) => {
  const allowed = optionIds(question);
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    return reject('wrong_type', `Send a list of option ids from ${listed(allowed)}.`);
  }
  const unknown = value.find((item) => !allowed.includes(item));
  if (unknown !== undefined)
    return reject('unknown_option', `"${unknown}" is not an option; pick from ${listed(allowed)}.`);
  if (new Set(value).size !== value.length)
    return reject('duplicate_option', 'Pick each option only once.');
  const { minSelected, maxSelected } = question.constraints;
  if (minSelected !== null && value.length < minSelected)
    return reject('too_few_selected', `Pick at least ${minSelected} options.`);
  if (maxSelected !== null && value.length > maxSelected)
    return reject('too_many_selected', `Pick at most ${maxSelected} options.`);
  return accept([...value]);
};
