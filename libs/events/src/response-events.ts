import type { Answer } from './form-definition';
import type { EventMetadata } from './form-events';

export interface ResponseMetadata {
  /** Where the response came from, e.g. `web`, `ios`, `field-app`, `import`. */
  readonly source: string;
  /** Client-provided hidden fields (campaign, device id …), string to string. */
  readonly hiddenFields: Readonly<Record<string, string>>;
  readonly locale: string | null;
}

/** A response accepted by the API. Key = formId; the aggregate is the response itself (version 1). */
export interface ResponseSubmitted extends EventMetadata {
  readonly type: 'ResponseSubmitted';
  readonly responseId: string;
  readonly aggregateVersion: number;
  readonly formId: string;
  readonly formVersion: number;
  /** Epoch milliseconds: when the client says it was filled in (offline sync) or when it arrived. */
  readonly submittedAt: number;
  readonly answers: readonly Answer[];
  readonly metadata: ResponseMetadata;
  readonly idempotencyKey: string | null;
}
