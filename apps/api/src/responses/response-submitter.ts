import type { ResponseSubmitted } from '@collect/events';
import { acceptedOf, checkSubmission } from './check-submission';
import type { RuleEngine } from './domain';
import { publishFailure } from './failure-outcomes';
import {
  type ClaimSettlement,
  type PendingItem,
  type SettledItem,
  SubmissionClaims,
} from './idempotency/submission-claims';
import { findPublishedForm, type PublishedFormLookup } from './published-form-lookup';
import type { SubmissionItem } from './response-request';
import type { IdempotencyClaims, PublishedForms, ResponseEvents } from './submission-ports';
import { rejections, type SubmissionOutcome } from './submission-outcome';

export type {
  IdempotencyClaims,
  PublishedForms,
  PublishedFormView,
  ResponseEvents,
} from './submission-ports';

export interface ResponseSubmitterOptions {
  /** Retry-After for a 503 when the failure does not say. */
  readonly retryAfterSeconds: number;
  readonly now?: () => number;
}

/**
 * Response submission, for one response or a batch: Idempotency-Keys first (a key seen before
 * returns its first outcome), then the published definition from memory, validation, and one
 * ResponseSubmitted per valid item, published concurrently (the batching producer gathers them).
 * An item is accepted (202) only once Kafka acknowledged its event.
 */
export class ResponseSubmitter {
  private readonly now: () => number;
  private readonly keyClaims: SubmissionClaims;

  constructor(
    private readonly forms: PublishedForms,
    private readonly events: ResponseEvents,
    private readonly claims: IdempotencyClaims | undefined,
    private readonly ruleEngine: RuleEngine,
    private readonly options: ResponseSubmitterOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.keyClaims = new SubmissionClaims(claims, this.now, options.retryAfterSeconds);
  }

  async submit(
    orgId: string,
    formId: string,
    items: readonly SubmissionItem[],
  ): Promise<SubmissionOutcome[]> {
    const only = items.length === 1 ? items[0]! : undefined;
    if (only !== undefined && (only.idempotencyKey === undefined || !this.claims)) {
      return [await this.submitUnkeyed(orgId, formId, only)];
    }
    const { outcomes, pending, sameAs } = await this.keyClaims.acquire(orgId, formId, items);
    const settlement = this.keyClaims.settlement(orgId, pending, outcomes);
    try {
      if (pending.length > 0) await this.process(orgId, formId, pending, settlement);
    } finally {
      // Whatever was not settled (an unexpected error) is released for the client's retry.
      await settlement.releaseUnsettled();
    }
    for (const [index, first] of sameAs) outcomes[index] = outcomes[first];
    return outcomes.map((outcome) => outcome ?? rejections.publishFailed());
  }

  /**
   * One response without an Idempotency-Key, the ingestion hot path: the same steps as `process`
   * without the bookkeeping of claims and batches it has nothing to do with.
   */
  private async submitUnkeyed(
    orgId: string,
    formId: string,
    item: SubmissionItem,
  ): Promise<SubmissionOutcome> {
    const found = await this.publishedForm(orgId, formId);
    if ('outcome' in found) return found.outcome;
    const checked = checkSubmission(
      orgId,
      formId,
      found.form,
      { item, claim: undefined },
      this.now(),
      this.ruleEngine,
    );
    if ('outcome' in checked) return checked.outcome;
    return this.publish(checked.event);
  }

  private publishedForm(orgId: string, formId: string): Promise<PublishedFormLookup> {
    return findPublishedForm(this.forms, orgId, formId, this.options.retryAfterSeconds);
  }

  /** 202 once Kafka acknowledged the event, else the failure's 503 or 500. */
  private async publish(event: ResponseSubmitted): Promise<SubmissionOutcome> {
    try {
      return acceptedOf(event, await this.events.publish(event));
    } catch (error) {
      return publishFailure(error, this.options.retryAfterSeconds);
    }
  }

  private async process(
    orgId: string,
    formId: string,
    pending: readonly PendingItem[],
    settlement: ClaimSettlement,
  ): Promise<void> {
    const found = await this.publishedForm(orgId, formId);
    if ('outcome' in found) {
      const entries = pending.map((item) => ({ pending: item, outcome: found.outcome }));
      if (found.outcome.status === 503) await settlement.failed(entries);
      else await settlement.rejected(entries);
      return;
    }
    const { form } = found;
    const valid: { pending: PendingItem; event: ResponseSubmitted }[] = [];
    const invalid: SettledItem[] = [];
    for (const item of pending) {
      const checked = checkSubmission(orgId, formId, form, item, this.now(), this.ruleEngine);
      if ('event' in checked) valid.push({ pending: item, event: checked.event });
      else invalid.push({ pending: item, outcome: checked.outcome });
    }
    const published: SettledItem[] = await Promise.all(
      valid.map(async ({ pending: item, event }) => ({
        pending: item,
        outcome: await this.publish(event),
      })),
    );
    await Promise.all([
      settlement.accepted(published.filter(({ outcome }) => outcome.status === 202)),
      settlement.rejected(invalid),
      settlement.failed(published.filter(({ outcome }) => outcome.status !== 202)),
    ]);
  }
}
