import { randomUUID } from 'node:crypto';
import type { ResponseSubmitted } from '@collect/events';
import { Logger } from '@nestjs/common';
import { acceptedOf, checkSubmission } from './check-submission';
import type { RuleEngine } from './domain';
import { submissionFingerprint } from './idempotency/fingerprint';
import type { Acquired, Claimed, ClaimRequest } from './idempotency/idempotency-store';
import type { SubmissionInput } from './response-request';
import { uuidV7 } from './response-id';
import type {
  IdempotencyClaims,
  PublishedForms,
  PublishedFormView,
  ResponseEvents,
} from './submission-ports';
import { accepted, rejections, type SubmissionOutcome } from './submission-outcome';

export type {
  IdempotencyClaims,
  PublishedForms,
  PublishedFormView,
  ResponseEvents,
} from './submission-ports';

export interface SubmissionItem {
  readonly input: SubmissionInput;
  readonly idempotencyKey?: string | undefined;
}

export interface ResponseSubmitterOptions {
  /** Retry-After for a 503 when the failure does not say. */
  readonly retryAfterSeconds: number;
  readonly now?: () => number;
}

interface Work {
  readonly index: number;
  readonly item: SubmissionItem;
  readonly claim: Claimed | undefined;
}

const retryAfterOf = (error: unknown): number | undefined => {
  const { retriable, retryAfterSeconds } = (error ?? {}) as {
    retriable?: unknown;
    retryAfterSeconds?: unknown;
  };
  if (retriable !== true) return undefined;
  return typeof retryAfterSeconds === 'number' ? retryAfterSeconds : 0;
};

/**
 * Response submission, for one response or a batch: Idempotency-Keys first (a key seen before
 * returns its first outcome), then the published definition from memory, validation, and one
 * ResponseSubmitted per valid item, published concurrently (the batching producer gathers them).
 * An item is accepted (202) only once Kafka acknowledged its event.
 */
export class ResponseSubmitter {
  private readonly logger = new Logger('ResponseSubmitter');
  private readonly now: () => number;

  constructor(
    private readonly forms: PublishedForms,
    private readonly events: ResponseEvents,
    private readonly claims: IdempotencyClaims | undefined,
    private readonly ruleEngine: RuleEngine,
    private readonly options: ResponseSubmitterOptions,
  ) {
    this.now = options.now ?? Date.now;
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
    const outcomes = Array.from(items, (): SubmissionOutcome | undefined => undefined);
    const { work, sameAs } = await this.acquireKeys(orgId, formId, items, outcomes);
    const open = new Set(work.flatMap(({ claim }) => (claim ? [claim] : [])));
    try {
      if (work.length > 0) await this.process(orgId, formId, work, outcomes, open);
    } finally {
      // Whatever was not settled (an unexpected error) is released for the client's retry.
      if (open.size > 0 && this.claims) {
        await this.quietly('release', () => this.claims!.release(orgId, [...open]));
      }
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
    try {
      return acceptedOf(checked.event, await this.events.publish(checked.event));
    } catch (error) {
      return this.publishFailure(error);
    }
  }

  /** The published form to validate against, or the outcome every submission to it gets. */
  private async publishedForm(
    orgId: string,
    formId: string,
  ): Promise<{ form: PublishedFormView } | { outcome: SubmissionOutcome }> {
    let form: PublishedFormView | undefined;
    try {
      form = await this.forms.publishedDefinition(orgId, formId);
    } catch (error) {
      const retryAfter = retryAfterOf(error);
      if (retryAfter === undefined) throw error;
      return { outcome: rejections.unavailable(retryAfter || this.options.retryAfterSeconds) };
    }
    if (!form) {
      return {
        outcome: this.isDraft(orgId, formId)
          ? rejections.formNotPublished()
          : rejections.formNotFound(),
      };
    }
    if (form.status === 'closed') return { outcome: rejections.formClosed() };
    if (form.status !== 'published') return { outcome: rejections.formNotPublished() };
    return { form };
  }

  /** A publish that failed: 503 with Retry-After when Kafka may take it later, else 500. */
  private publishFailure(error: unknown): SubmissionOutcome {
    const retryAfter = retryAfterOf(error);
    return retryAfter === undefined
      ? rejections.publishFailed()
      : rejections.unavailable(retryAfter || this.options.retryAfterSeconds);
  }

  /** Claims the items' keys; settles the items whose key already has an outcome. */
  private async acquireKeys(
    orgId: string,
    formId: string,
    items: readonly SubmissionItem[],
    outcomes: (SubmissionOutcome | undefined)[],
  ): Promise<{ work: Work[]; sameAs: Map<number, number> }> {
    const requests = new Map<string, { request: ClaimRequest; index: number }>();
    const sameAs = new Map<number, number>();
    const work: Work[] = [];
    items.forEach((item, index) => {
      const key = item.idempotencyKey;
      if (key === undefined || !this.claims) {
        work.push({ index, item, claim: undefined });
        return;
      }
      const fingerprint = submissionFingerprint(formId, item.input);
      const first = requests.get(key);
      if (!first) {
        const request = { key, fingerprint, responseId: uuidV7(this.now()), eventId: randomUUID() };
        requests.set(key, { request, index });
      } else if (first.request.fingerprint === fingerprint) {
        sameAs.set(index, first.index); // the same submission twice in one batch
      } else {
        outcomes[index] = rejections.keyReused();
      }
    });
    if (requests.size === 0 || !this.claims) return { work, sameAs };
    let acquired: Map<string, Acquired>;
    try {
      acquired = await this.claims.acquire(
        orgId,
        [...requests.values()].map(({ request }) => request),
      );
    } catch (error) {
      // Without the key store a keyed submission cannot be made safe to retry: 503, retry later.
      this.logger.warn({ msg: 'claiming Idempotency-Keys failed', err: error });
      const unavailable = rejections.unavailable(this.options.retryAfterSeconds);
      for (const { index } of requests.values()) outcomes[index] = unavailable;
      return { work, sameAs };
    }
    for (const { request, index } of requests.values()) {
      const outcome = acquired.get(request.key);
      if (outcome?.kind === 'claimed') work.push({ index, item: items[index]!, claim: outcome });
      else if (outcome?.kind === 'completed') outcomes[index] = accepted(outcome.outcome);
      else if (outcome?.kind === 'reused') outcomes[index] = rejections.keyReused();
      else outcomes[index] = rejections.keyInProgress();
    }
    work.sort((a, b) => a.index - b.index);
    return { work, sameAs };
  }

  private async process(
    orgId: string,
    formId: string,
    work: readonly Work[],
    outcomes: (SubmissionOutcome | undefined)[],
    open: Set<Claimed>,
  ): Promise<void> {
    const settle = this.settler(orgId, outcomes, open);
    const found = await this.publishedForm(orgId, formId);
    if ('outcome' in found) {
      if (found.outcome.status === 503) await settle.failed(work, found.outcome);
      else await settle.rejected(work, found.outcome);
      return;
    }
    const { form } = found;
    const valid: { work: Work; event: ResponseSubmitted }[] = [];
    const invalid: { work: Work; outcome: SubmissionOutcome }[] = [];
    for (const entry of work) {
      const checked = checkSubmission(orgId, formId, form, entry, this.now(), this.ruleEngine);
      if ('event' in checked) valid.push({ work: entry, event: checked.event });
      else invalid.push({ work: entry, outcome: checked.outcome });
    }
    const published = await Promise.all(
      valid.map(async ({ work: entry, event }) => {
        try {
          const position = await this.events.publish(event);
          return { work: entry, event, position, error: undefined };
        } catch (error) {
          return { work: entry, event, position: undefined, error };
        }
      }),
    );
    await Promise.all([
      settle.acceptedAll(
        published
          .filter(({ error }) => error === undefined)
          .map(({ work: w, event, position }) => ({
            work: w,
            outcome: acceptedOf(event, position!),
          })),
      ),
      settle.rejectedEach(invalid),
      settle.failedEach(
        published
          .filter(({ error }) => error !== undefined)
          .map(({ work: w, error }) => ({ work: w, outcome: this.publishFailure(error) })),
      ),
    ]);
  }

  private isDraft(orgId: string, formId: string): boolean {
    const state = this.forms.get?.(formId);
    return state?.status === 'draft' && state.orgId === orgId;
  }

  /** Claims end by themselves when their lease runs out; failing to settle one is only logged. */
  private async quietly(what: string, settle: () => Promise<void>): Promise<void> {
    try {
      await settle();
    } catch (error) {
      this.logger.warn({ msg: `settling Idempotency-Key claims (${what}) failed`, err: error });
    }
  }

  /** Records outcomes and settles each item's claim: stored, forgotten or released. */
  private settler(orgId: string, outcomes: (SubmissionOutcome | undefined)[], open: Set<Claimed>) {
    const claims = this.claims;
    const record = (entries: readonly { work: Work; outcome: SubmissionOutcome }[]): Claimed[] =>
      entries.flatMap(({ work, outcome }) => {
        outcomes[work.index] = outcome;
        if (!work.claim) return [];
        open.delete(work.claim);
        return [work.claim];
      });
    return {
      acceptedAll: async (entries: readonly { work: Work; outcome: SubmissionOutcome }[]) => {
        record(entries);
        const completions = entries.flatMap(({ work, outcome }) =>
          work.claim && outcome.status === 202
            ? [{ claim: work.claim, outcome: outcome.accepted }]
            : [],
        );
        // The events are acknowledged: the answer is 202 even if storing the outcome fails (then a
        // retry takes the claim over when its lease ends and republishes the same ids).
        if (claims && completions.length > 0) {
          await this.quietly('complete', () => claims.complete(orgId, completions));
        }
      },
      rejectedEach: async (entries: readonly { work: Work; outcome: SubmissionOutcome }[]) => {
        const settled = record(entries);
        if (claims && settled.length > 0) {
          await this.quietly('forget', () => claims.forget(orgId, settled));
        }
      },
      failedEach: async (entries: readonly { work: Work; outcome: SubmissionOutcome }[]) => {
        const settled = record(entries);
        if (claims && settled.length > 0) {
          await this.quietly('release', () => claims.release(orgId, settled));
        }
      },
      rejected: (work: readonly Work[], outcome: SubmissionOutcome) =>
        this.settler(orgId, outcomes, open).rejectedEach(work.map((w) => ({ work: w, outcome }))),
      failed: (work: readonly Work[], outcome: SubmissionOutcome) =>
        this.settler(orgId, outcomes, open).failedEach(work.map((w) => ({ work: w, outcome }))),
    };
  }
}
