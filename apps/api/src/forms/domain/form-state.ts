import type { BusinessRule, FormDefinition, Question } from '@collect/events';

export type FormStatus = 'draft' | 'published' | 'closed';

export interface NoForm {
  readonly status: 'not_created';
}

export interface ExistingForm {
  readonly formId: string;
  readonly orgId: string;
  /** Version after the last event applied; the next event gets `version + 1`. */
  readonly version: number;
  readonly status: FormStatus;
  readonly title: string;
  readonly description: string | null;
  /** The draft: what the next publish will carry. */
  readonly questions: readonly Question[];
  readonly rules: readonly BusinessRule[];
  /** `aggregateVersion` of the latest FormPublished event; responses record it as their `formVersion`. */
  readonly publishedVersion: number | null;
  readonly publishedDefinition: FormDefinition | null;
}

export type FormState = NoForm | ExistingForm;

export const noForm: NoForm = { status: 'not_created' };

export const formExists = (state: FormState): state is ExistingForm =>
  state.status !== 'not_created';

export const draftDefinition = (form: ExistingForm): FormDefinition => ({
  title: form.title,
  description: form.description,
  questions: form.questions,
  rules: form.rules,
});
