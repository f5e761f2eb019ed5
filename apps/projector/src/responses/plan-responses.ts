import type { AnswerColumns } from './answer-columns';
import type { CheckedResponse } from './checked-response';

export interface ResponseRow {
  readonly responseId: string;
  readonly orgId: string;
  readonly formId: string;
  readonly formVersion: number;
  readonly formSeq: bigint;
  readonly submittedAtMs: number;
  readonly receivedAtMs: number;
  readonly source: string;
  readonly locale: string | null;
  readonly hiddenFields: Readonly<Record<string, string>>;
  readonly idempotencyKey: string | null;
  readonly eventId: string;
  readonly kafkaOffset: bigint;
}

export type AnswerRow = {
  readonly responseId: string;
  readonly formId: string;
  readonly questionId: string;
} & AnswerColumns;

/** The new state of a form's counter row after the batch (count absolute, times merged in SQL). */
export interface CounterRow {
  readonly formId: string;
  readonly orgId: string;
  readonly responseCount: bigint;
  readonly firstSubmittedAtMs: number;
  readonly lastSubmittedAtMs: number;
}

/** What the read model already holds that the plan depends on. */
export interface KnownResponses {
  /** Response ids of the batch already projected (lower case). */
  readonly existingIds: ReadonlySet<string>;
  /** `form_counters.response_count` by form (lower case); absent = no response yet. */
  readonly counts: ReadonlyMap<string, bigint>;
}

export interface ResponsesPlan {
  readonly responses: readonly ResponseRow[];
  readonly answers: readonly AnswerRow[];
  readonly counters: readonly CounterRow[];
  /** Events whose responseId was already projected or appeared earlier in the batch. */
  readonly duplicates: number;
}

/**
 * Pure: the rows a batch of checked responses adds. A responseId seen before (republished after
 * an ambiguous produce failure) adds nothing. Each new response gets the next `form_seq` of its
 * form in log order (1, 2, 3 … dense), and its form's counter grows by one.
 */
export function planResponses(
  batch: readonly CheckedResponse[],
  known: KnownResponses,
): ResponsesPlan {
  const seen = new Set(known.existingIds);
  const counters = new Map<string, { orgId: string; count: bigint; first: number; last: number }>();
  const responses: ResponseRow[] = [];
  const answers: AnswerRow[] = [];
  let duplicates = 0;
  for (const response of batch) {
    if (seen.has(response.responseId)) {
      duplicates++;
      continue;
    }
    seen.add(response.responseId);
    const { event } = response;
    const counter = counters.get(response.formId) ?? {
      orgId: response.orgId,
      count: known.counts.get(response.formId) ?? 0n,
      first: event.submittedAt,
      last: event.submittedAt,
    };
    counter.count += 1n;
    counter.first = Math.min(counter.first, event.submittedAt);
    counter.last = Math.max(counter.last, event.submittedAt);
    counters.set(response.formId, counter);
    responses.push({
      responseId: response.responseId,
      orgId: response.orgId,
      formId: response.formId,
      formVersion: event.formVersion,
      formSeq: counter.count,
      submittedAtMs: event.submittedAt,
      receivedAtMs: event.occurredAt,
      source: event.metadata.source,
      locale: event.metadata.locale,
      hiddenFields: event.metadata.hiddenFields,
      idempotencyKey: event.idempotencyKey,
      eventId: response.eventId,
      kafkaOffset: response.offset,
    });
    for (const answer of response.answers) {
      answers.push({
        responseId: response.responseId,
        formId: response.formId,
        questionId: answer.questionId,
        valueText: answer.valueText,
        valueNumber: answer.valueNumber,
        valueBoolean: answer.valueBoolean,
        valueDate: answer.valueDate,
        valueChoices: answer.valueChoices,
      });
    }
  }
  return {
    responses,
    answers,
    counters: [...counters].map(([formId, counter]) => ({
      formId,
      orgId: counter.orgId,
      responseCount: counter.count,
      firstSubmittedAtMs: counter.first,
      lastSubmittedAtMs: counter.last,
    })),
    duplicates,
  };
}
