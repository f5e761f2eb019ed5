/**
 * What became of one response for one integration in a delivery round.
 * - `done`: the ledger already holds it as delivered or failed (or it repeats an earlier
 *   response's id): skipped.
 * - `delivered`: the target has it.
 * - `failed`: never deliverable; dead-lettered with `reason`.
 * - `retry-later`: known not to have landed; its claim is released and it is tried again.
 *   `throttled`: held back by the runtime's own rate limits, never sent (the target is fine).
 * - `unconfirmed`: perhaps landed (a crash, a throw, a timeout); its claim stays and is
 *   reconciled before anything else is sent to that integration.
 */
export type Resolution =
  | { readonly kind: 'done' }
  | { readonly kind: 'delivered' }
  | { readonly kind: 'failed'; readonly reason: string }
  | {
      readonly kind: 'retry-later';
      readonly reason: string;
      readonly retryAfterMs?: number;
      readonly throttled?: true;
    }
  | { readonly kind: 'unconfirmed'; readonly reason: string };

export const done: Resolution = { kind: 'done' };
export const delivered: Resolution = { kind: 'delivered' };
