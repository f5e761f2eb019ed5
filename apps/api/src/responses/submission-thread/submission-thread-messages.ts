import type { FormDefinition, TraceHeaders } from '@collect/events';
import type { KafkaOptions } from '@collect/kafka';
import type { DefinitionProblem } from '../domain';
import type { SubmissionOutcome } from '../submission-outcome';
import type { JobItem } from '../submission-pipeline';

// What crosses the boundary between the request thread and the submission thread. Both sides post
// arrays of these, one per event-loop turn, so a burst of submissions costs one message.

/** What the thread is started with (worker_threads `workerData`). */
export interface SubmissionThreadData {
  readonly kafka: KafkaOptions;
  /** Event type → schema id, as the request thread's EventSerde registered them. */
  readonly schemaIds: readonly (readonly [string, number])[];
  readonly topics: { readonly forms: string; readonly responses: string };
  readonly partitions: number;
  readonly retryAfterSeconds: number;
  readonly publishTimeoutMs: number;
  readonly lingerMs?: number;
  readonly maxBatchMessages?: number;
  readonly maxBatchBytes?: number;
}

export type ToSubmissionThread =
  /** A published version of a form, sent before the first job that validates against it. */
  | {
      readonly op: 'form';
      readonly formId: string;
      readonly formVersion: number;
      readonly definition: FormDefinition;
    }
  | {
      readonly op: 'run';
      readonly call: number;
      readonly orgId: string;
      readonly formId: string;
      readonly formVersion: number;
      readonly items: readonly JobItem[];
      readonly now: number;
      readonly trace: TraceHeaders;
    }
  /** Send what is queued, wait for what is in flight, disconnect; answered by `closed`. */
  | { readonly op: 'close' };

export type FromSubmissionThread =
  | { readonly kind: 'ran'; readonly call: number; readonly outcomes: SubmissionOutcome[] }
  | { readonly kind: 'closed' }
  /** A job failed on a bug (its items answer 500): the error's name and message, to log. */
  | { readonly kind: 'job-failed'; readonly message: string }
  | { readonly kind: 'definition-problem'; readonly problem: DefinitionProblem }
  | {
      readonly kind: 'kafka-log';
      readonly level: number;
      readonly namespace: string;
      readonly log: Record<string, unknown>;
    };
