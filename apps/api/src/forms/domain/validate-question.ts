import {
  questionTypes,
  type Question,
  type QuestionConstraints,
  noConstraints,
} from '@collect/events';
import { FormError } from './form-error';
import { formLimits, questionIdPattern } from './form-limits';
import { isList } from './is-list';
import { constraintProblem } from './question-constraints';

const invalid = (path: string, message: string, questionId?: string): FormError =>
  new FormError(
    'invalid_question',
    `Fix question${questionId ? ` "${questionId}"` : ''}: ${message}.`,
    {
      path: `question.${path}`,
      ...(questionId ? { questionId } : {}),
    },
  );

/** Only the contract's fields, absent ones as null, so nothing unknown reaches the event. */
const knownConstraints = (sent: Partial<QuestionConstraints> | undefined): QuestionConstraints => {
  const merged = { ...noConstraints, ...sent };
  const picked = Object.fromEntries(
    Object.keys(noConstraints).map((field) => [
      field,
      merged[field as keyof QuestionConstraints] ?? null,
    ]),
  ) as unknown as QuestionConstraints;
  const options = isList(picked.options)
    ? picked.options.map((option) => ({ optionId: option?.optionId, label: option?.label?.trim() }))
    : picked.options;
  return { ...picked, options };
};

/** Checks a question on its own (not against its siblings) and returns it with trimmed texts. */
export const validateQuestion = (question: Question): Question => {
  const { questionId } = question;
  if (typeof questionId !== 'string' || !questionIdPattern.test(questionId)) {
    throw invalid(
      'questionId',
      'questionId must be 1 to 64 letters, digits or "_", not starting with a digit, so rules can say answers.<questionId>',
    );
  }
  if (!questionTypes.includes(question.type)) {
    throw invalid('type', `type must be one of ${questionTypes.join(', ')}`, questionId);
  }
  const title = typeof question.title === 'string' ? question.title.trim() : '';
  if (title.length === 0 || title.length > formLimits.questionTitleMaxLength) {
    throw invalid(
      'title',
      `give it a title of 1 to ${formLimits.questionTitleMaxLength} characters`,
      questionId,
    );
  }
  const description = question.description?.trim() || null;
  if (description !== null && description.length > formLimits.descriptionMaxLength) {
    throw invalid(
      'description',
      `shorten the description to at most ${formLimits.descriptionMaxLength} characters`,
      questionId,
    );
  }
  if (typeof question.required !== 'boolean')
    throw invalid('required', 'required must be true or false', questionId);
  const constraints = knownConstraints(question.constraints);
  const problem = constraintProblem(question.type, constraints);
  if (problem) throw invalid(`constraints.${problem.field}`, problem.message, questionId);
  return {
    questionId,
    type: question.type,
    title,
    description,
    required: question.required,
    constraints,
  };
};
