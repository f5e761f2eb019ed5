import { randomUUID } from 'node:crypto';
import type { ResponseSubmitted } from '@collect/events';

/** A form of its own (random ids) and its responses, for tests. */
export interface TestForm {
  readonly orgId: string;
  readonly formId: string;
}

export function newForm(): TestForm {
  return { orgId: randomUUID(), formId: randomUUID() };
}

/** `count` ResponseSubmitted events of `form`, with answers (never to appear in logs). */
export function responsesOf(form: TestForm, count: number): ResponseSubmitted[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, index) => ({
    type: 'ResponseSubmitted',
    eventId: randomUUID(),
    occurredAt: now,
    orgId: form.orgId,
    responseId: randomUUID(),
    aggregateVersion: 1,
    formId: form.formId,
    formVersion: 1,
    submittedAt: now,
    answers: [
      { questionId: 'name', value: `secret answer ${index}` },
      { questionId: 'income', value: index },
    ],
    metadata: { source: 'test', hiddenFields: {}, locale: null },
    idempotencyKey: null,
  }));
}
