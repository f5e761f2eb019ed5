import { randomUUID } from 'node:crypto';
import { noConstraints, type FormPublished, type Question } from '@collect/events';
import type { TestForm } from '../../../test-connector/src/testing/responses';

/** A FormPublished of `form` at `version` with text questions titled as given (questionId → title). */
export function formPublished(
  form: TestForm,
  version: number,
  titles: Readonly<Record<string, string>>,
): FormPublished {
  const questions: Question[] = Object.entries(titles).map(([questionId, title]) => ({
    questionId,
    type: 'short_text',
    title,
    description: null,
    required: false,
    constraints: noConstraints,
  }));
  return {
    type: 'FormPublished',
    eventId: randomUUID(),
    occurredAt: Date.now(),
    orgId: form.orgId,
    formId: form.formId,
    aggregateVersion: version,
    definition: { title: 'Survey', description: null, questions, rules: [] },
  };
}
