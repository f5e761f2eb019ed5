import { randomUUID } from 'node:crypto';
import type { ResponseSubmitted } from '@collect/events';
import type { EventPosition } from '../events/event-position';
import { type RuleEngine, validateAnswers, validateEnvelope } from './domain';
import type { Claimed } from './idempotency/idempotency-store';
import { uuidV7 } from './response-id';
import type { SubmissionItem } from './response-request';
import type { PublishedFormView } from './submission-ports';
import {
  accepted,
  answerErrors,
  envelopeErrors,
  rejections,
  type SubmissionOutcome,
} from './submission-outcome';

/**
 * Validates one submission against the published form and builds its event, with the ids of its
 * Idempotency-Key claim when it has one (a retry republishes the same ids). Pure: clock passed in.
 */
export function checkSubmission(
  orgId: string,
  formId: string,
  form: PublishedFormView,
  { item, claim }: { readonly item: SubmissionItem; readonly claim: Claimed | undefined },
  now: number,
  ruleEngine: RuleEngine,
): { event: ResponseSubmitted } | { outcome: SubmissionOutcome } {
  const { input } = item;
  const envelope = validateEnvelope(
    {
      hiddenFields: input.metadata?.hiddenFields,
      locale: input.metadata?.locale,
      source: input.metadata?.source,
      submittedAt: input.submittedAt,
    },
    now,
  );
  const answers = validateAnswers(form.definition, input.answers, ruleEngine);
  if (!envelope.ok || !answers.ok) {
    return {
      outcome: rejections.invalid([
        ...(envelope.ok ? [] : envelopeErrors(envelope.errors)),
        ...(answers.ok ? [] : answerErrors(answers.errors, input.answers)),
      ]),
    };
  }
  return {
    event: {
      type: 'ResponseSubmitted',
      eventId: claim?.eventId ?? randomUUID(),
      occurredAt: now,
      orgId,
      responseId: claim?.responseId ?? uuidV7(now),
      aggregateVersion: 1,
      formId,
      formVersion: form.formVersion,
      submittedAt: envelope.submittedAt,
      answers: answers.answers,
      metadata: envelope.metadata,
      idempotencyKey: item.idempotencyKey ?? null,
    },
  };
}

/** The 202 outcome of a stored response. */
export function acceptedOf(event: ResponseSubmitted, position: EventPosition): SubmissionOutcome {
  return accepted({
    responseId: event.responseId,
    formId: event.formId,
    formVersion: event.formVersion,
    submittedAt: new Date(event.submittedAt).toISOString(),
    position,
  });
}
