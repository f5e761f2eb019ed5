import type { ResponseSubmitted, TraceHeaders } from '@collect/events';
import type { EventPosition } from '../events/event-position';
import { ApiError } from '../http/api-error';
import { acceptedOf, checkSubmission } from './check-submission';
import type { RuleEngine } from './domain';
import { publishFailure } from './failure-outcomes';
import type { Claimed } from './idempotency/idempotency-store';
import { readSubmissionJson, type SubmissionItem } from './response-request';
import type { PublishedFormView } from './submission-ports';
import { rejections, type SubmissionOutcome } from './submission-outcome';

/**
 * One submission: read from its body, with the ids of its Idempotency-Key claim if it has one; or
 * a body still as JSON text (a response without an Idempotency-Key, the ingestion hot path: the
 * pipeline parses it, so a 400 or 422 for the body can come from here too).
 */
export type JobItem =
  | { readonly item: SubmissionItem; readonly claim: Claimed | undefined }
  | { readonly jsonText: string };

/** Submissions to one published form, to validate and (the valid ones) publish. */
export interface SubmissionJob {
  readonly orgId: string;
  readonly formId: string;
  readonly form: PublishedFormView;
  readonly items: readonly JobItem[];
  /** The clock reading the job was taken at: the events' occurredAt. */
  readonly now: number;
  /** The request's trace, for the events' headers. */
  readonly trace: TraceHeaders;
}

/**
 * Port: validates every item of a job and publishes one ResponseSubmitted per valid item. Resolves
 * with one outcome per item, in order: 202 once Kafka acknowledged its event, 422 when invalid,
 * 503 (Retry-After) when Kafka is unavailable, 500 otherwise; never rejects. Adapters: this
 * in-process one, and SubmissionThread (the same steps on a worker thread).
 */
export interface SubmissionPipeline {
  run(job: SubmissionJob): Promise<SubmissionOutcome[]>;
}

/**
 * Port: appends one ResponseSubmitted; resolves once Kafka acknowledged it. Rejects with an error
 * whose `retriable` is true (and `retryAfterSeconds` may say when) when Kafka is unavailable.
 */
export interface ResponseEvents {
  publish(event: ResponseSubmitted, trace: TraceHeaders): Promise<EventPosition>;
}

/** Validation, then publishing through `events`, in the calling thread. */
export class CheckAndPublish implements SubmissionPipeline {
  constructor(
    private readonly events: ResponseEvents,
    private readonly ruleEngine: RuleEngine,
    private readonly retryAfterSeconds: number,
  ) {}

  run({ orgId, formId, form, items, now, trace }: SubmissionJob): Promise<SubmissionOutcome[]> {
    const outcomes: Promise<SubmissionOutcome>[] = [];
    for (const entry of items) {
      const read = 'jsonText' in entry ? readItem(entry.jsonText) : entry;
      if ('outcome' in read) {
        outcomes.push(Promise.resolve(read.outcome));
        continue;
      }
      const checked = checkSubmission(orgId, formId, form, read, now, this.ruleEngine);
      outcomes.push(
        'outcome' in checked
          ? Promise.resolve(checked.outcome)
          : this.publish(checked.event, trace),
      );
    }
    return Promise.all(outcomes);
  }

  private async publish(event: ResponseSubmitted, trace: TraceHeaders): Promise<SubmissionOutcome> {
    try {
      return acceptedOf(event, await this.events.publish(event, trace));
    } catch (error) {
      return publishFailure(error, this.retryAfterSeconds);
    }
  }
}

function readItem(
  jsonText: string,
): { item: SubmissionItem; claim: undefined } | { outcome: SubmissionOutcome } {
  try {
    return { item: { input: readSubmissionJson(jsonText) }, claim: undefined };
  } catch (error) {
    if (error instanceof ApiError) return { outcome: rejections.unreadable(error) };
    throw error;
  }
}
