import type { FormDefinition, ResponseSubmitted } from '@collect/events';
import type { EventPosition } from '../events/event-position';
import type { Acquired, Claimed, ClaimRequest } from './idempotency/idempotency-store';
import type { AcceptedResponse } from './submission-outcome';

// What ResponseSubmitter needs from the rest of the app (adapters: FormsView, ResponseEventSink,
// IdempotencyStore; fakes in unit tests).

/** A published form as the forms view knows it (FormsView.publishedDefinition). */
export interface PublishedFormView {
  readonly formVersion: number;
  readonly definition: FormDefinition;
  readonly status: string;
}

/** Port: published definitions from memory (kept current from the forms topic). */
export interface PublishedForms {
  publishedDefinition(
    orgId: string,
    formId: string,
  ): Promise<PublishedFormView | undefined> | PublishedFormView | undefined;
  /** The form's current state, to tell a draft (409) from an unknown form (404). */
  get?(formId: string): { readonly status: string; readonly orgId?: string };
}

/**
 * Port: appends one ResponseSubmitted; resolves once Kafka acknowledged it. Rejects with an error
 * whose `retriable` is true (and `retryAfterSeconds` may say when) when Kafka is unavailable.
 */
export interface ResponseEvents {
  publish(event: ResponseSubmitted): Promise<EventPosition>;
}

/** Port: Idempotency-Key claims (IdempotencyStore). */
export interface IdempotencyClaims {
  acquire(orgId: string, requests: readonly ClaimRequest[]): Promise<Map<string, Acquired>>;
  complete(
    orgId: string,
    completions: readonly { readonly claim: Claimed; readonly outcome: AcceptedResponse }[],
  ): Promise<void>;
  forget(orgId: string, claims: readonly Claimed[]): Promise<void>;
  release(orgId: string, claims: readonly Claimed[]): Promise<void>;
}
