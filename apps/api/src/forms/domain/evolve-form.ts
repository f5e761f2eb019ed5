import type { FormEvent, Question } from '@collect/events';
import { noForm, type ExistingForm, type FormState } from './form-state';

const withQuestionAt = (
  questions: readonly Question[],
  question: Question,
  position: number,
): readonly Question[] => [...questions.slice(0, position), question, ...questions.slice(position)];

const reordered = (
  questions: readonly Question[],
  order: readonly string[],
): readonly Question[] => {
  const byId = new Map(questions.map((question) => [question.questionId, question]));
  return order.flatMap((questionId) => byId.get(questionId) ?? []);
};

const applyChange = (
  form: ExistingForm,
  event: Exclude<FormEvent, { type: 'FormCreated' }>,
): ExistingForm => {
  switch (event.type) {
    case 'FormDetailsChanged':
      return { ...form, title: event.title, description: event.description };
    case 'QuestionAdded':
      return { ...form, questions: withQuestionAt(form.questions, event.question, event.position) };
    case 'QuestionChanged':
      return {
        ...form,
        questions: form.questions.map((question) =>
          question.questionId === event.question.questionId ? event.question : question,
        ),
      };
    case 'QuestionRemoved':
      return {
        ...form,
        questions: form.questions.filter((question) => question.questionId !== event.questionId),
      };
    case 'QuestionsReordered':
      return { ...form, questions: reordered(form.questions, event.questionIds) };
    case 'FormRulesChanged':
      return { ...form, rules: event.rules };
    case 'FormPublished':
      return {
        ...form,
        status: 'published',
        publishedVersion: event.aggregateVersion,
        publishedDefinition: event.definition,
      };
    case 'FormClosed':
      return { ...form, status: 'closed' };
  }
};

/** Applies one event to the form's state; events are facts, so nothing is validated here. */
export const evolve = (state: FormState, event: FormEvent): FormState => {
  if (event.type === 'FormCreated') {
    return {
      formId: event.formId,
      orgId: event.orgId,
      version: event.aggregateVersion,
      status: 'draft',
      title: event.title,
      description: event.description,
      questions: [],
      rules: [],
      publishedVersion: null,
      publishedDefinition: null,
    };
  }
  if (state.status === 'not_created') return state;
  return { ...applyChange(state, event), version: event.aggregateVersion };
};

/** The state after all `events`, from the beginning of the form's history. */
export const foldForm = (events: readonly FormEvent[]): FormState =>
  events.reduce(evolve, noForm as FormState);
