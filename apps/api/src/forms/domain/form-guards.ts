import type { FormChangeCommand, DecideContext } from './form-commands';
import { FormError } from './form-error';
import { formExists, type ExistingForm, type FormState } from './form-state';

/**
 * The form a change command may act on. A form of another organisation is reported as not
 * found, so ids cannot be probed across organisations. A closed form is reported before a
 * version conflict: reloading and retrying could never succeed.
 */
export const changeableForm = (
  command: FormChangeCommand,
  state: FormState,
  context: DecideContext,
): ExistingForm => {
  if (!formExists(state) || state.formId !== command.formId || state.orgId !== context.orgId) {
    throw new FormError(
      'form_not_found',
      `Form "${command.formId}" does not exist; check the id or create the form first.`,
    );
  }
  if (state.status === 'closed') {
    throw new FormError(
      'form_closed',
      `Form "${state.formId}" is closed and cannot change; create a new form instead.`,
    );
  }
  if (command.expectedVersion !== state.version) {
    throw new FormError(
      'version_conflict',
      `Form "${state.formId}" is at version ${state.version}, not ${command.expectedVersion}; reload it, reapply your change and send it with expectedVersion ${state.version}.`,
      { currentVersion: state.version, expectedVersion: command.expectedVersion },
    );
  }
  return state;
};

export const questionIndex = (form: ExistingForm, questionId: string): number => {
  const index = form.questions.findIndex((question) => question.questionId === questionId);
  if (index === -1) {
    throw new FormError(
      'question_not_found',
      `Form "${form.formId}" has no question "${questionId}"; reload the form to see its questions.`,
      {
        questionId,
      },
    );
  }
  return index;
};
