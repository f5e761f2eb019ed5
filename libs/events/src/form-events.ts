import type { BusinessRule, FormDefinition, Question } from './form-definition';

/**
 * Fields every event carries. `aggregateVersion` is the version of the aggregate (form or
 * response) after this event; `occurredAt` is epoch milliseconds.
 */
export interface EventMetadata {
  readonly eventId: string;
  readonly occurredAt: number;
  readonly orgId: string;
}

interface FormEventBase<Type extends string> extends EventMetadata {
  readonly type: Type;
  readonly formId: string;
  readonly aggregateVersion: number;
}

export type FormCreated = FormEventBase<'FormCreated'> & {
  readonly title: string;
  readonly description: string | null;
};
export type FormDetailsChanged = FormEventBase<'FormDetailsChanged'> & {
  readonly title: string;
  readonly description: string | null;
};
/** `position` is the 0-based index the question takes; later questions shift down. */
export type QuestionAdded = FormEventBase<'QuestionAdded'> & {
  readonly question: Question;
  readonly position: number;
};
export type QuestionChanged = FormEventBase<'QuestionChanged'> & { readonly question: Question };
export type QuestionRemoved = FormEventBase<'QuestionRemoved'> & { readonly questionId: string };
export type QuestionsReordered = FormEventBase<'QuestionsReordered'> & {
  readonly questionIds: readonly string[];
};
export type FormRulesChanged = FormEventBase<'FormRulesChanged'> & {
  readonly rules: readonly BusinessRule[];
};
/** Carries the whole published definition, so a reader needs no other event to validate answers. */
export type FormPublished = FormEventBase<'FormPublished'> & {
  readonly definition: FormDefinition;
};
export type FormClosed = FormEventBase<'FormClosed'>;

export type FormEvent =
  | FormCreated
  | FormDetailsChanged
  | QuestionAdded
  | QuestionChanged
  | QuestionRemoved
  | QuestionsReordered
  | FormRulesChanged
  | FormPublished
  | FormClosed;

export type FormEventType = FormEvent['type'];
