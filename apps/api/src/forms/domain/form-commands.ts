import type { BusinessRule, Question } from '@collect/events';

interface ChangeOf<Type extends string> {
  readonly type: Type;
  readonly formId: string;
  /** The version the client last saw; a different current version rejects the command (409). */
  readonly expectedVersion: number;
}

export interface CreateForm {
  readonly type: 'CreateForm';
  readonly formId: string;
  readonly title: string;
  readonly description: string | null;
}
export type ChangeFormDetails = ChangeOf<'ChangeFormDetails'> & {
  readonly title: string;
  readonly description: string | null;
};
/** Without `position` the question goes last. */
export type AddQuestion = ChangeOf<'AddQuestion'> & {
  readonly question: Question;
  readonly position?: number;
};
export type ChangeQuestion = ChangeOf<'ChangeQuestion'> & { readonly question: Question };
export type RemoveQuestion = ChangeOf<'RemoveQuestion'> & { readonly questionId: string };
export type ReorderQuestions = ChangeOf<'ReorderQuestions'> & {
  readonly questionIds: readonly string[];
};
export type SetRules = ChangeOf<'SetRules'> & { readonly rules: readonly BusinessRule[] };
export type PublishForm = ChangeOf<'PublishForm'>;
export type CloseForm = ChangeOf<'CloseForm'>;

export type FormCommand =
  | CreateForm
  | ChangeFormDetails
  | AddQuestion
  | ChangeQuestion
  | RemoveQuestion
  | ReorderQuestions
  | SetRules
  | PublishForm
  | CloseForm;

export type FormChangeCommand = Exclude<FormCommand, CreateForm>;

export interface DecideContext {
  /** Epoch milliseconds, becomes `occurredAt`. */
  readonly now: number;
  readonly newEventId: () => string;
  /** The caller's organisation; a form of another organisation is reported as not found. */
  readonly orgId: string;
}
