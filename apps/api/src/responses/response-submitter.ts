import { traceHeaders } from '@collect/events';
import {
  type ClaimSettlement,
  type PendingItem,
  type SettledItem,
  SubmissionClaims,
} from './idempotency/submission-claims';
import { findPublishedForm, type PublishedFormLookup } from './published-form-lookup';
import type { SubmissionItem } from './response-request';
import type { JobItem, SubmissionPipeline } from './submission-pipeline';
import type { IdempotencyClaims, PublishedForms } from './submission-ports';
import { rejections, type SubmissionOutcome } from './submission-outcome';

export type { IdempotencyClaims, PublishedForms, PublishedFormView } from './submission-ports';

export interface ResponseSubmitterOptions {
  /** Retry-After for a 503 when the failure does not say. */
  readonly retryAfterSeconds: number;
  readonly now?: () => number;
}

/**
 * Response submission, for one response or a batch: Idempotency-Keys first (a key seen before
 * returns its first outcome), then the published definition from memory, then the pipeline
 * (validation and one ResponseSubmitted per valid item; the batching producer gathers them). An
 * item is accepted (202) only once Kafka acknowledged its event.
 */
export class ResponseSubmitter {
  private readonly now: () => number;
  private readonly keyClaims: SubmissionClaims;

  constructor(
    private readonly forms: PublishedForms,
    private readonly pipeline: SubmissionPipeline,
    private readonly claims: IdempotencyClaims | undefined,
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
      return [await this.submitUnkeyed(orgId, formId, { item: only, claim: undefined })];
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
   * One response without an Idempotency-Key whose body is still JSON text: the ingestion hot path.
   * The pipeline parses and validates it (400 / 422 for the body come from there).
   */
  submitJson(orgId: string, formId: string, jsonText: string): Promise<SubmissionOutcome> {
    return this.submitUnkeyed(orgId, formId, { jsonText });
  }

  /**
   * One response without an Idempotency-Key: the same steps as `process` without the bookkeeping
   * of claims and batches it has nothing to do with.
   */
  private async submitUnkeyed(
    orgId: string,
    formId: string,
    entry: JobItem,
  ): Promise<SubmissionOutcome> {
    const found = await this.publishedForm(orgId, formId);
    if ('outcome' in found) return found.outcome;
    const [outcome] = await this.pipeline.run({
      orgId,
      formId,
      form: found.form,
      items: [entry],
      now: this.now(),
      trace: traceHeaders(),
    });
    return outcome!;
  }

  private publishedForm(orgId: string, formId: string): Promise<PublishedFormLookup> {
    return findPublishedForm(this.forms, orgId, formId, this.options.retryAfterSeconds);
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
    const outcomes = await this.pipeline.run({
      orgId,
      formId,
      form: found.form,
      items: pending,
      now: this.now(),
      trace: traceHeaders(),
    });
    const accepted: SettledItem[] = [];
    const rejected: SettledItem[] = [];
    const failed: SettledItem[] = [];
    pending.forEach((item, index) => {
      const outcome = outcomes[index]!;
      const settled = { pending: item, outcome };
      if (outcome.status === 202) accepted.push(settled);
      else if (outcome.status < 500) rejected.push(settled);
      else failed.push(settled);
    });
    await Promise.all([
      settlement.accepted(accepted),
      settlement.rejected(rejected),
      settlement.failed(failed),
    ]);
  }
}
