import type {
  AddQuestion,
  ChangeQuestion,
  RemoveQuestion,
  ReorderQuestions,
} from './form-commands';
import { FormError } from './form-error';
import { questionIndex } from './form-guards';
import type { FormEventBody } from './form-event-body';
import { formLimits } from './form-limits';
import { isList } from './is-list';
import type { ExistingForm } from './form-state';
import { rulesUsingQuestion } from './validate-rules';
import { validateQuestion } from './validate-question';

type QuestionEventBody = FormEventBody<
  'QuestionAdded' | 'QuestionChanged' | 'QuestionRemoved' | 'QuestionsReordered'
>;

export const decideAddQuestion = (command: AddQuestion, form: ExistingForm): QuestionEventBody => {
  if (form.questions.length >= formLimits.maxQuestions) {
    throw new FormError(
      'invalid_question',
      `A form holds at most ${formLimits.maxQuestions} questions; remove one first or split the form.`,
    );
  }
  const question = validateQuestion(command.question);
  if (form.questions.some((existing) => existing.questionId === question.questionId)) {
    throw new FormError(
      'question_exists',
      `Question "${question.questionId}" already exists; pick another questionId or use ChangeQuestion.`,
      {
        questionId: question.questionId,
        path: 'question.questionId',
      },
    );
  }
  const position = command.position ?? form.questions.length;
  if (!Number.isInteger(position) || position < 0 || position > form.questions.length) {
    throw new FormError(
      'invalid_question',
      `position must be a whole number from 0 to ${form.questions.length}, or omitted to add the question last.`,
      {
        path: 'position',
      },
    );
  }
  return { type: 'QuestionAdded', question, position };
};

export const decideChangeQuestion = (
  command: ChangeQuestion,
  form: ExistingForm,
): QuestionEventBody => {
  questionIndex(form, command.question.questionId);
  return { type: 'QuestionChanged', question: validateQuestion(command.question) };
};

export const decideRemoveQuestion = (
  command: RemoveQuestion,
  form: ExistingForm,
): QuestionEventBody => {
  questionIndex(form, command.questionId);
  const users = rulesUsingQuestion(form.rules, command.questionId);
  if (users.length > 0) {
    throw new FormError(
      'question_in_use',
      `Question "${command.questionId}" is used by rule(s) ${users.map((rule) => `"${rule.ruleId}"`).join(', ')}; change or remove those rules (SetRules) first.`,
      { questionId: command.questionId },
    );
  }
  return { type: 'QuestionRemoved', questionId: command.questionId };
};

export const decideReorderQuestions = (
  command: ReorderQuestions,
  form: ExistingForm,
): QuestionEventBody => {
  const current = new Set(form.questions.map((question) => question.questionId));
  const proposed = command.questionIds;
  const isPermutation =
    isList(proposed) &&
    proposed.length === current.size &&
    new Set(proposed).size === proposed.length &&
    proposed.every((questionId) => current.has(questionId));
  if (!isPermutation) {
    throw new FormError(
      'invalid_reorder',
      'List every current questionId exactly once, in the new order; reload the form if questions changed.',
      {
        path: 'questionIds',
      },
    );
  }
  return { type: 'QuestionsReordered', questionIds: [...proposed] };
};
