import { noConstraints, type FormEvent, type Question } from '@collect/events';
import { randomUUID } from 'node:crypto';
import type { Positioned } from '../batches/positioned';
import { fixtureQuestions, publishedFormEvents } from '../testing/form-fixtures';
import type { FormProjection } from './form-rows';
import { planForms } from './plan-forms';

const orgId = randomUUID();
const formId = randomUUID();
const at = (version: number) => ({
  eventId: randomUUID(),
  occurredAt: 1_000 + version,
  orgId,
  formId,
  aggregateVersion: version,
});
const positioned = (events: FormEvent[]): Positioned<FormEvent>[] =>
  events.map((event, index) => ({ event, offset: BigInt(index) }));
const question = (questionId: string): Question => ({
  questionId,
  type: 'short_text',
  title: questionId,
  description: null,
  required: false,
  constraints: noConstraints,
});

/** Given the events so far (applied in an earlier batch), when `more` arrive. */
function given(before: FormEvent[], more: FormEvent[]) {
  const first = planForms(positioned(before), new Map());
  const known = new Map<string, FormProjection>(
    first.forms.map((form) => [
      form.formId,
      {
        form,
        questions: new Map(
          first.questions.filter((q) => q.formId === form.formId).map((q) => [q.questionId, q]),
        ),
      },
    ]),
  );
  return planForms(positioned(more), known);
}

describe('planForms', () => {
  it('folds a created, questioned and published form into its row, question rows and one version row per event', () => {
    const plan = planForms(positioned(publishedFormEvents(orgId, formId, 1_000)), new Map());
    expect(plan.forms).toHaveLength(1);
    expect(plan.forms[0]).toMatchObject({
      formId,
      orgId,
      status: 'published',
      version: 7,
      publishedVersion: 7,
      createdAtMs: 1_001,
      updatedAtMs: 1_007,
    });
    expect(plan.forms[0]!.draft.questions.map((q) => q.questionId)).toEqual(
      fixtureQuestions.map((q) => q.questionId),
    );
    expect(
      plan.questions.map((q) => [q.questionId, q.position, q.addedVersion, q.removedVersion]),
    ).toEqual([
      ['name', 0, 2, null],
      ['income', 1, 3, null],
      ['consent', 2, 4, null],
      ['born', 3, 5, null],
      ['colours', 4, 6, null],
    ]);
    expect(plan.versions.map((v) => [v.version, v.eventType])).toEqual([
      [1, 'FormCreated'],
      [2, 'QuestionAdded'],
      [3, 'QuestionAdded'],
      [4, 'QuestionAdded'],
      [5, 'QuestionAdded'],
      [6, 'QuestionAdded'],
      [7, 'FormPublished'],
    ]);
    expect(plan.versions[1]!.change).toEqual({ question: fixtureQuestions[0], position: 0 });
  });

  it('inserts a question at its position, removes one keeping its row without a position, and reorders like the aggregate', () => {
    const created: FormEvent[] = [
      { type: 'FormCreated', ...at(1), title: 'T', description: null },
      { type: 'QuestionAdded', ...at(2), question: question('a'), position: 0 },
      { type: 'QuestionAdded', ...at(3), question: question('b'), position: 1 },
    ];
    const plan = given(created, [
      { type: 'QuestionAdded', ...at(4), question: question('c'), position: 0 },
      { type: 'QuestionRemoved', ...at(5), questionId: 'a' },
      { type: 'QuestionsReordered', ...at(6), questionIds: ['b', 'c'] },
      { type: 'QuestionChanged', ...at(7), question: { ...question('b'), title: 'B!' } },
    ]);
    expect(plan.forms[0]!.draft.questions.map((q) => [q.questionId, q.title])).toEqual([
      ['b', 'B!'],
      ['c', 'c'],
    ]);
    expect(
      plan.questions.map((q) => [
        q.questionId,
        q.position,
        q.addedVersion,
        q.removedVersion,
        q.title,
      ]),
    ).toEqual([
      ['a', null, 2, 5, 'a'],
      ['b', 0, 3, null, 'B!'],
      ['c', 1, 4, null, 'c'],
    ]);
    expect(plan.forms[0]!.version).toBe(7);
  });

  it('ignores an event already applied (version not newer) and rejects one out of sequence, for another organisation or a form never created', () => {
    const created: FormEvent[] = [{ type: 'FormCreated', ...at(1), title: 'T', description: null }];
    const plan = given(created, [
      { type: 'FormCreated', ...at(1), title: 'T', description: null },
      { type: 'FormClosed', ...at(3) },
      { type: 'FormClosed', ...at(2), orgId: randomUUID() },
      { type: 'FormClosed', ...at(2), formId: randomUUID() },
      { type: 'QuestionRemoved', ...at(2), questionId: 'nope' },
    ]);
    expect(plan.duplicates).toBe(1);
    expect(plan.rejected).toEqual([
      { offset: 1n, reason: 'version 3 does not follow 1' },
      {
        offset: 2n,
        reason: "FormClosed names another organisation than the form's",
      },
      { offset: 3n, reason: 'FormClosed for a form never created' },
      { offset: 4n, reason: 'question nope is not in the draft' },
    ]);
    expect(plan.forms).toEqual([]);
  });

  it('keeps the draft apart from the published definition until the next publish', () => {
    const events = publishedFormEvents(orgId, formId, 1_000);
    const plan = given(events, [
      { type: 'FormDetailsChanged', ...at(8), title: 'Renamed', description: 'd' },
      { type: 'FormClosed', ...at(9) },
    ]);
    expect(plan.forms[0]).toMatchObject({
      title: 'Renamed',
      status: 'closed',
      publishedVersion: 7,
    });
    expect(plan.forms[0]!.draft.title).toBe('Renamed');
    expect(plan.forms[0]!.publishedDefinition!.title).toBe('Fixture form');
  });
});
