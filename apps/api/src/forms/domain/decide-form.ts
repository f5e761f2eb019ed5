import type { FormEvent } from '@collect/events';
import { isDeepStrictEqual } from 'node:util';
import type {
  CloseForm,
  CreateForm,
  DecideContext,
  FormCommand,
  PublishForm,
  SetRules,
} from './form-commands';
import { FormError } from './form-error';
import type { FormEventBody } from './form-event-body';
import { changeableForm } from './form-guards';
import { draftDefinition, formExists, type ExistingForm, type FormState } from './form-state';
import {
  decideAddQuestion,
  decideChangeQuestion,
  decideRemoveQuestion,
  decideReorderQuestions,
} from './decide-question-changes';
import { validateFormDetails } from './validate-form-details';
import { validateRules } from './validate-rules';

const decideCreate = (command: CreateForm, state: FormState): FormEventBody => {
  if (formExists(state)) {
    throw new FormError(
      'form_exists',
      `Form "${command.formId}" already exists; create the form with a new id.`,
    );
  }
  return { type: 'FormCreated', ...validateFormDetails(command) };
};

const decideSetRules = (command: SetRules, form: ExistingForm): FormEventBody => ({
  type: 'FormRulesChanged',
  rules: validateRules(command.rules, form.questions),
});

const decidePublish = (_command: PublishForm, form: ExistingForm): FormEventBody => {
  if (form.questions.length === 0) {
    throw new FormError(
      'nothing_to_publish',
      `Form "${form.formId}" has no questions; add at least one question, then publish.`,
    );
  }
  // Questions may have changed type since the rules were set; only a consistent definition is published.
  const definition = { ...draftDefinition(form), rules: validateRules(form.rules, form.questions) };
  if (isDeepStrictEqual(definition, form.publishedDefinition)) {
    throw new FormError(
      'nothing_to_publish',
      `Form "${form.formId}" is already published as version ${form.publishedVersion} with this content; change it before publishing again.`,
    );
  }
  return { type: 'FormPublished', definition };
};

const decideClose = (_command: CloseForm, _form: ExistingForm): FormEventBody => ({
  type: 'FormClosed',
});

const decideBody = (
  command: FormCommand,
  state: FormState,
  context: DecideContext,
): FormEventBody => {
  if (command.type === 'CreateForm') return decideCreate(command, state);
  const form = changeableForm(command, state, context);
  switch (command.type) {
    case 'ChangeFormDetails':
      return { type: 'FormDetailsChanged', ...validateFormDetails(command) };
    case 'AddQuestion':
      return decideAddQuestion(command, form);
    case 'ChangeQuestion':
      return decideChangeQuestion(command, form);
    case 'RemoveQuestion':
      return decideRemoveQuestion(command, form);
    case 'ReorderQuestions':
      return decideReorderQuestions(command, form);
    case 'SetRules':
      return decideSetRules(command, form);
    case 'PublishForm':
      return decidePublish(command, form);
    case 'CloseForm':
      return decideClose(command, form);
  }
};

/**
 * Decides the events a command causes on a form, or throws a FormError saying what to change.
 * Every accepted command causes exactly one event, at the version after the current one.
 */
export const decide = (
  command: FormCommand,
  state: FormState,
  context: DecideContext,
): readonly FormEvent[] => {
  const body = decideBody(command, state, context);
  const event = {
    ...body,
    eventId: context.newEventId(),
    occurredAt: context.now,
    orgId: context.orgId,
    formId: command.formId,
    aggregateVersion: formExists(state) ? state.version + 1 : 1,
  } as FormEvent;
  return [event];
};
