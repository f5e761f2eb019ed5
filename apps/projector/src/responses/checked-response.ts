import type { ResponseSubmitted } from '@collect/events';
import { checkEpochMs, checkNoNul, checkUuid, firstViolation } from '../batches/invariants';
import type { Positioned, Rejection } from '../batches/positioned';
import { typeAnswer, type AnswerColumns } from './answer-columns';

/** A ResponseSubmitted that fits the read model: ids lower-cased, answers typed. */
export interface CheckedResponse {
  readonly offset: bigint;
  readonly responseId: string;
  readonly orgId: string;
  readonly formId: string;
  readonly eventId: string;
  readonly event: ResponseSubmitted;
  readonly answers: ReadonlyArray<{ readonly questionId: string } & AnswerColumns>;
}

export interface CheckedResponses {
  readonly valid: readonly CheckedResponse[];
  readonly rejected: readonly Rejection[];
}

/** Pure: splits a batch's responses into those the read model can hold and poison. */
export function checkResponses(events: readonly Positioned<ResponseSubmitted>[]): CheckedResponses {
  const valid: CheckedResponse[] = [];
  const rejected: Rejection[] = [];
  for (const { event, offset } of events) {
    const checked = checkResponse(event, offset);
    if ('reason' in checked) rejected.push(checked);
    else valid.push(checked);
  }
  return { valid, rejected };
}

function checkResponse(event: ResponseSubmitted, offset: bigint): CheckedResponse | Rejection {
  const violation = firstViolation(
    checkUuid('responseId', event.responseId),
    checkUuid('orgId', event.orgId),
    checkUuid('formId', event.formId),
    checkUuid('eventId', event.eventId),
    checkEpochMs('submittedAt', event.submittedAt),
    checkEpochMs('occurredAt', event.occurredAt),
    Number.isInteger(event.formVersion) ? undefined : 'formVersion is not an integer',
    checkNoNul('metadata', event.metadata),
    checkNoNul('idempotencyKey', event.idempotencyKey),
    checkNoNul('answers', event.answers),
  );
  if (violation) return { offset, reason: violation };
  const answers: Array<{ questionId: string } & AnswerColumns> = [];
  const seen = new Set<string>();
  for (const answer of event.answers) {
    if (seen.has(answer.questionId)) {
      return { offset, reason: `question ${answer.questionId} is answered twice` };
    }
    seen.add(answer.questionId);
    const typed = typeAnswer(answer.value);
    if (!typed.ok) return { offset, reason: `question ${answer.questionId}: ${typed.reason}` };
    const { columns } = typed;
    answers.push({
      questionId: answer.questionId,
      valueText: columns.valueText,
      valueNumber: columns.valueNumber,
      valueBoolean: columns.valueBoolean,
      valueDate: columns.valueDate,
      valueChoices: columns.valueChoices,
    });
  }
  return {
    offset,
    responseId: event.responseId.toLowerCase(),
    orgId: event.orgId.toLowerCase(),
    formId: event.formId.toLowerCase(),
    eventId: event.eventId.toLowerCase(),
    event,
    answers,
  };
}
