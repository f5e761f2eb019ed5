import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { uuidV7 } from '../response-id';
import type { SubmissionItem } from '../response-request';
import type { IdempotencyClaims } from '../submission-ports';
import { accepted, rejections, type SubmissionOutcome } from '../submission-outcome';
import { submissionFingerprint } from './fingerprint';
import type { Acquired, Claimed, ClaimRequest } from './idempotency-store';

/** An item still to validate and publish: its place in the batch and its key's claim, if any. */
export interface PendingItem {
  readonly index: number;
  readonly item: SubmissionItem;
  readonly claim: Claimed | undefined;
}

/** A pending item and the outcome it got. */
export interface SettledItem {
  readonly pending: PendingItem;
  readonly outcome: SubmissionOutcome;
}

/** A batch's outcomes by item index; undefined while the item is pending. */
export type BatchOutcomes = (SubmissionOutcome | undefined)[];

export interface ClaimedBatch {
  readonly outcomes: BatchOutcomes;
  /** In input order. */
  readonly pending: PendingItem[];
  /** Item index → index of the earlier item with the same key and body, whose outcome it shares. */
  readonly sameAs: Map<number, number>;
}

// The submitter's log context, kept so that log queries written before the split still match.
const logger = new Logger('ResponseSubmitter');

/** Claims end by themselves when their lease runs out; failing to settle one is only logged. */
async function quietly(what: string, settle: () => Promise<void>): Promise<void> {
  try {
    await settle();
  } catch (error) {
    logger.warn({ msg: `settling Idempotency-Key claims (${what}) failed`, err: error });
  }
}

/**
 * The Idempotency-Key bookkeeping of submissions: claims the items' keys before anything is
 * published (a key seen before returns its first outcome), then settles each claim by its item's
 * outcome. Without a key store (`claims` undefined) every item is pending and unclaimed.
 */
export class SubmissionClaims {
  constructor(
    private readonly claims: IdempotencyClaims | undefined,
    private readonly now: () => number,
    private readonly retryAfterSeconds: number,
  ) {}

  /** Claims the items' keys; gives the items whose key already has an outcome that outcome. */
  async acquire(
    orgId: string,
    formId: string,
    items: readonly SubmissionItem[],
  ): Promise<ClaimedBatch> {
    const outcomes = Array.from(items, (): SubmissionOutcome | undefined => undefined);
    const requests = new Map<string, { request: ClaimRequest; index: number }>();
    const sameAs = new Map<number, number>();
    const pending: PendingItem[] = [];
    items.forEach((item, index) => {
      const key = item.idempotencyKey;
      if (key === undefined || !this.claims) {
        pending.push({ index, item, claim: undefined });
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
    if (requests.size === 0 || !this.claims) return { outcomes, pending, sameAs };
    let acquired: Map<string, Acquired>;
    try {
      acquired = await this.claims.acquire(
        orgId,
        [...requests.values()].map(({ request }) => request),
      );
    } catch (error) {
      // Without the key store a keyed submission cannot be made safe to retry: 503, retry later.
      logger.warn({ msg: 'claiming Idempotency-Keys failed', err: error });
      const unavailable = rejections.unavailable(this.retryAfterSeconds);
      for (const { index } of requests.values()) outcomes[index] = unavailable;
      return { outcomes, pending, sameAs };
    }
    for (const { request, index } of requests.values()) {
      const outcome = acquired.get(request.key);
      if (outcome?.kind === 'claimed') pending.push({ index, item: items[index]!, claim: outcome });
      else if (outcome?.kind === 'completed') outcomes[index] = accepted(outcome.outcome);
      else if (outcome?.kind === 'reused') outcomes[index] = rejections.keyReused();
      else outcomes[index] = rejections.keyInProgress();
    }
    pending.sort((a, b) => a.index - b.index);
    return { outcomes, pending, sameAs };
  }

  /** Settles the claims of `pending` as their outcomes come in, recording them in `outcomes`. */
  settlement(
    orgId: string,
    pending: readonly PendingItem[],
    outcomes: BatchOutcomes,
  ): ClaimSettlement {
    return new ClaimSettlement(this.claims, orgId, pending, outcomes);
  }
}

/** Records outcomes and settles each item's claim: stored, forgotten or released. */
export class ClaimSettlement {
  /** Claims not settled yet. */
  private readonly open: Set<Claimed>;

  constructor(
    private readonly claims: IdempotencyClaims | undefined,
    private readonly orgId: string,
    pending: readonly PendingItem[],
    private readonly outcomes: BatchOutcomes,
  ) {
    this.open = new Set(pending.flatMap(({ claim }) => (claim ? [claim] : [])));
  }

  /** Published and acknowledged: stores each accepted outcome under its key. */
  async accepted(entries: readonly SettledItem[]): Promise<void> {
    this.record(entries);
    const completions = entries.flatMap(({ pending: { claim }, outcome }) =>
      claim && outcome.status === 202 ? [{ claim, outcome: outcome.accepted }] : [],
    );
    // The events are acknowledged: the answer is 202 even if storing the outcome fails (then a
    // retry takes the claim over when its lease ends and republishes the same ids).
    const claims = this.claims;
    if (claims && completions.length > 0) {
      await quietly('complete', () => claims.complete(this.orgId, completions));
    }
  }

  /** Rejected for good (invalid, unknown or closed form): the key may be used again. */
  async rejected(entries: readonly SettledItem[]): Promise<void> {
    const settled = this.record(entries);
    const claims = this.claims;
    if (claims && settled.length > 0) {
      await quietly('forget', () => claims.forget(this.orgId, settled));
    }
  }

  /** Not published (503, 500): the claim is released for the client's retry. */
  async failed(entries: readonly SettledItem[]): Promise<void> {
    const settled = this.record(entries);
    const claims = this.claims;
    if (claims && settled.length > 0) {
      await quietly('release', () => claims.release(this.orgId, settled));
    }
  }

  /** Releases the claims no outcome settled (after an unexpected error) for the client's retry. */
  async releaseUnsettled(): Promise<void> {
    const claims = this.claims;
    if (this.open.size > 0 && claims) {
      await quietly('release', () => claims.release(this.orgId, [...this.open]));
    }
  }

  private record(entries: readonly SettledItem[]): Claimed[] {
    return entries.flatMap(({ pending, outcome }) => {
      this.outcomes[pending.index] = outcome;
      if (!pending.claim) return [];
      this.open.delete(pending.claim);
      return [pending.claim];
    });
  }
}
