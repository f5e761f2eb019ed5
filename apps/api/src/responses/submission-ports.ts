import type { FormDefinition } from '@collect/events';
import type { Acquired, Claimed, ClaimRequest } from './idempotency/idempotency-store';
import type { AcceptedResponse } from './submission-outcome';

// What ResponseSubmitter needs from the rest of the app (adapters: FormsView, IdempotencyStore;
// fakes in unit tests). The pipeline's port is in submission-pipeline.ts.

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
