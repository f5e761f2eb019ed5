import type { FormEvent, Question } from '@collect/events';
import { checkEpochMs, checkNoNul, checkUuid, firstViolation } from '../batches/invariants';
import type { FormProjection, FormRow, FormVersionRow, QuestionRow } from './form-rows';

export type FormEventOutcome =
  | {
      readonly kind: 'applied';
      readonly projection: FormProjection;
      readonly version: FormVersionRow;
    }
  /** Already applied (its version is not newer than the form's): nothing changes. */
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'rejected'; readonly reason: string };

const ENVELOPE = new Set(['type', 'eventId', 'occurredAt', 'orgId', 'formId', 'aggregateVersion']);

/**
 * Pure: one form event applied to the form's read-model rows, with the semantics of the forms
 * aggregate's `evolve` (apps/api/src/forms/domain/evolve-form.ts): a question is added at its
 * position, reordering keeps the listed questions in the listed order, publishing snapshots the
 * definition. Question rows keep when each question was added and removed. An event out of
 * sequence, for a form never created or for another organisation is rejected (dead-lettered).
 */
export function evolveFormProjection(
  current: FormProjection | undefined,
  event: FormEvent,
): FormEventOutcome {
  const invalid = firstViolation(
    checkUuid('formId', event.formId),
    checkUuid('orgId', event.orgId),
    checkUuid('eventId', event.eventId),
    checkEpochMs('occurredAt', event.occurredAt),
    Number.isInteger(event.aggregateVersion) && event.aggregateVersion > 0
      ? undefined
      : 'aggregateVersion is not a positive integer',
    checkNoNul('event', event),
  );
  if (invalid) return { kind: 'rejected', reason: invalid };
  if (current && event.aggregateVersion <= current.form.version) return { kind: 'duplicate' };
  const next = nextProjection(current, event);
  if ('reason' in next) return { kind: 'rejected', reason: next.reason };
  return { kind: 'applied', projection: next, version: versionRow(event) };
}

function nextProjection(
  current: FormProjection | undefined,
  event: FormEvent,
): FormProjection | { reason: string } {
  if (event.type === 'FormCreated') {
    if (current) return { reason: 'FormCreated for a form that exists' };
    return { form: createdForm(event), questions: new Map() };
  }
  if (!current) return { reason: `${event.type} for a form never created` };
  if (event.orgId.toLowerCase() !== current.form.orgId) {
    return { reason: `${event.type} names another organisation than the form's` };
  }
  if (event.aggregateVersion !== current.form.version + 1) {
    return { reason: `version ${event.aggregateVersion} does not follow ${current.form.version}` };
  }
  const base = { ...current.form, version: event.aggregateVersion, updatedAtMs: event.occurredAt };
  return applyChange(current, base, event);
}

function applyChange(
  current: FormProjection,
  form: FormRow,
  event: Exclude<FormEvent, { type: 'FormCreated' }>,
): FormProjection | { reason: string } {
  const questions = current.form.draft.questions;
  const version = event.aggregateVersion;
  switch (event.type) {
    case 'FormDetailsChanged':
      return {
        ...current,
        form: {
          ...form,
          title: event.title,
          description: event.description,
          draft: { ...form.draft, title: event.title, description: event.description },
        },
      };
    case 'QuestionAdded': {
      const { question, position } = event;
      if (questions.some((q) => q.questionId === question.questionId)) {
        return { reason: `question ${question.questionId} is already in the draft` };
      }
      if (!Number.isInteger(position) || position < 0 || position > questions.length) {
        return {
          reason: `position ${position} is outside the draft's ${questions.length} questions`,
        };
      }
      const draftQuestions = [
        ...questions.slice(0, position),
        question,
        ...questions.slice(position),
      ];
      return withDraftQuestions(current, form, draftQuestions, question, version, 'added');
    }
    case 'QuestionChanged': {
      if (!questions.some((q) => q.questionId === event.question.questionId)) {
        return { reason: `question ${event.question.questionId} is not in the draft` };
      }
      const draftQuestions = questions.map((q) =>
        q.questionId === event.question.questionId ? event.question : q,
      );
      return withDraftQuestions(current, form, draftQuestions, event.question, version, 'changed');
    }
    case 'QuestionRemoved': {
      const removed = questions.find((q) => q.questionId === event.questionId);
      if (!removed) return { reason: `question ${event.questionId} is not in the draft` };
      const draftQuestions = questions.filter((q) => q.questionId !== event.questionId);
      return withDraftQuestions(current, form, draftQuestions, removed, version, 'removed');
    }
    case 'QuestionsReordered': {
      const byId = new Map(questions.map((q) => [q.questionId, q]));
      const draftQuestions = event.questionIds.flatMap((id) => byId.get(id) ?? []);
      return withDraftQuestions(current, form, draftQuestions, undefined, version, 'reordered');
    }
    case 'FormRulesChanged':
      return { ...current, form: { ...form, draft: { ...form.draft, rules: event.rules } } };
    case 'FormPublished':
      return {
        ...current,
        form: {
          ...form,
          status: 'published',
          publishedVersion: version,
          publishedDefinition: event.definition,
        },
      };
    case 'FormClosed':
      return { ...current, form: { ...form, status: 'closed' } };
  }
}

/** The new draft questions, with every question row's position recomputed from it. */
function withDraftQuestions(
  current: FormProjection,
  form: FormRow,
  draftQuestions: readonly Question[],
  touched: Question | undefined,
  version: number,
  change: 'added' | 'changed' | 'removed' | 'reordered',
): FormProjection {
  const rows = new Map(current.questions);
  if (touched) {
    const previous = rows.get(touched.questionId);
    rows.set(touched.questionId, {
      ...questionRow(form.formId, touched),
      addedVersion: change === 'added' || !previous ? version : previous.addedVersion,
      removedVersion: change === 'removed' ? version : null,
    });
  }
  const positions = new Map(draftQuestions.map((q, index) => [q.questionId, index]));
  for (const [id, row] of rows) rows.set(id, { ...row, position: positions.get(id) ?? null });
  return {
    form: { ...form, draft: { ...form.draft, questions: draftQuestions } },
    questions: rows,
  };
}

function questionRow(formId: string, question: Question): QuestionRow {
  return {
    formId,
    questionId: question.questionId,
    position: null,
    type: question.type,
    title: question.title,
    required: question.required,
    constraints: question.constraints,
    addedVersion: 0,
    removedVersion: null,
  };
}

function createdForm(event: Extract<FormEvent, { type: 'FormCreated' }>): FormRow {
  return {
    formId: event.formId.toLowerCase(),
    orgId: event.orgId.toLowerCase(),
    title: event.title,
    description: event.description,
    status: 'draft',
    version: event.aggregateVersion,
    publishedVersion: null,
    draft: { title: event.title, description: event.description, questions: [], rules: [] },
    publishedDefinition: null,
    createdAtMs: event.occurredAt,
    updatedAtMs: event.occurredAt,
  };
}

function versionRow(event: FormEvent): FormVersionRow {
  const change = Object.fromEntries(Object.entries(event).filter(([key]) => !ENVELOPE.has(key)));
  return {
    formId: event.formId.toLowerCase(),
    version: event.aggregateVersion,
    eventType: event.type,
    eventId: event.eventId.toLowerCase(),
    occurredAtMs: event.occurredAt,
    change,
  };
}
