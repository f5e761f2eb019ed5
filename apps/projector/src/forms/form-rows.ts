import type { FormDefinition, QuestionConstraints, QuestionType } from '@collect/events';

export type FormStatus = 'draft' | 'published' | 'closed';

/** One `forms` row. */
export interface FormRow {
  readonly formId: string;
  readonly orgId: string;
  readonly title: string;
  readonly description: string | null;
  readonly status: FormStatus;
  readonly version: number;
  readonly publishedVersion: number | null;
  /** The draft: what the next publish will carry. */
  readonly draft: FormDefinition;
  readonly publishedDefinition: FormDefinition | null;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

/** One `questions` row: removed questions stay, without a position. */
export interface QuestionRow {
  readonly formId: string;
  readonly questionId: string;
  readonly position: number | null;
  readonly type: QuestionType;
  readonly title: string;
  readonly required: boolean;
  readonly constraints: QuestionConstraints;
  readonly addedVersion: number;
  readonly removedVersion: number | null;
}

/** One `form_versions` row: the event that made the version, without its envelope. */
export interface FormVersionRow {
  readonly formId: string;
  readonly version: number;
  readonly eventType: string;
  readonly eventId: string;
  readonly occurredAtMs: number;
  readonly change: Readonly<Record<string, unknown>>;
}

/** A form as the read model holds it: its row and its question rows by id. */
export interface FormProjection {
  readonly form: FormRow;
  readonly questions: ReadonlyMap<string, QuestionRow>;
}
