import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { AcceptedResponse } from '../submission-outcome';
import { StatementBatcher } from './statement-batcher';

/** What a request asks to claim: its key, the fingerprint of its body and the ids it would use. */
export interface ClaimRequest {
  readonly key: string;
  readonly fingerprint: string;
  readonly responseId: string;
  readonly eventId: string;
}

/** This request owns the key: publish with these ids (an earlier attempt's, after a failed one). */
export interface Claimed {
  readonly kind: 'claimed';
  readonly key: string;
  readonly responseId: string;
  readonly eventId: string;
  readonly token: string;
  /** False when an earlier attempt held the key and failed: it may have reached Kafka. */
  readonly fresh: boolean;
}

export type Acquired =
  | Claimed
  | { readonly kind: 'completed'; readonly key: string; readonly outcome: AcceptedResponse }
  | { readonly kind: 'reused'; readonly key: string }
  | { readonly kind: 'busy'; readonly key: string };

export interface IdempotencyTimings {
  /** A claim older than this is presumed dead (its process crashed) and may be taken over. */
  readonly leaseMs: number;
  /** How long a key is remembered. */
  readonly ttlMs: number;
  /** How long a duplicate waits for the claimer's outcome before answering 409 (retriable). */
  readonly waitMs: number;
}

export const defaultIdempotencyTimings: IdempotencyTimings = {
  leaseMs: 30_000,
  ttlMs: 24 * 60 * 60 * 1000,
  waitMs: 10_000,
};

export const idempotencyTable = 'response_idempotency_keys';

interface ClaimRow {
  org_id: string;
  idempotency_key: string;
  response_id: string;
  event_id: string;
  claim_token: string;
  attempts: number;
}

interface StateRow {
  idempotency_key: string;
  fingerprint: string;
  state: 'pending' | 'completed';
  outcome: AcceptedResponse | null;
  expired: boolean;
}

// A row is taken over when it expired (any body), or when it is pending with its lease run out
// and the same body: its claimer crashed or released it after a failed publish. A takeover keeps
// response_id/event_id, so a republish after an ambiguous failure carries the same ids.
// One statement claims the keys of many concurrent requests (StatementBatcher), possibly of
// several organisations; rows come sorted by (org, key) so concurrent statements of several
// replicas lock rows in one order and cannot deadlock.
const claimSql = `
INSERT INTO ${idempotencyTable} AS k
  (org_id, idempotency_key, fingerprint, response_id, event_id, state, claim_token, lease_until, expires_at)
SELECT c.org_id, c.key, c.fingerprint, c.response_id, c.event_id, 'pending', c.claim_token,
       now() + make_interval(secs => $1), now() + make_interval(secs => $2)
FROM unnest($3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::uuid[])
  AS c(org_id, key, fingerprint, response_id, event_id, claim_token)
ON CONFLICT (org_id, idempotency_key) DO UPDATE SET
  fingerprint = EXCLUDED.fingerprint,
  response_id = CASE WHEN k.expires_at <= now() THEN EXCLUDED.response_id ELSE k.response_id END,
  event_id = CASE WHEN k.expires_at <= now() THEN EXCLUDED.event_id ELSE k.event_id END,
  attempts = CASE WHEN k.expires_at <= now() THEN 1 ELSE k.attempts + 1 END,
  created_at = CASE WHEN k.expires_at <= now() THEN now() ELSE k.created_at END,
  expires_at = CASE WHEN k.expires_at <= now() THEN EXCLUDED.expires_at ELSE k.expires_at END,
  state = 'pending',
  outcome = NULL,
  claim_token = EXCLUDED.claim_token,
  lease_until = EXCLUDED.lease_until
WHERE k.expires_at <= now()
   OR (k.state = 'pending' AND k.lease_until <= now() AND k.fingerprint = EXCLUDED.fingerprint)
RETURNING k.org_id, k.idempotency_key, k.response_id, k.event_id, k.claim_token, k.attempts`;

const stateSql = `
SELECT idempotency_key, fingerprint, state, outcome, expires_at <= now() AS expired
FROM ${idempotencyTable}
WHERE org_id = $1 AND idempotency_key = ANY($2::text[])`;

const completeSql = `
UPDATE ${idempotencyTable} AS k
SET state = 'completed', outcome = c.outcome::jsonb, lease_until = now()
FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[]) AS c(org_id, key, claim_token, outcome)
WHERE k.org_id = c.org_id AND k.idempotency_key = c.key AND k.claim_token = c.claim_token`;

const forgetSql = `
DELETE FROM ${idempotencyTable}
WHERE org_id = $1 AND claim_token = ANY($2::uuid[]) AND attempts = 1 AND state = 'pending'`;

const releaseSql = `
UPDATE ${idempotencyTable} SET lease_until = now()
WHERE org_id = $1 AND claim_token = ANY($2::uuid[]) AND state = 'pending'`;

const cleanupSql = `
DELETE FROM ${idempotencyTable}
WHERE ctid IN (SELECT ctid FROM ${idempotencyTable} WHERE expires_at <= now() LIMIT $1)`;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface OrgClaim {
  readonly orgId: string;
  readonly request: ClaimRequest;
}

interface OrgCompletion {
  readonly orgId: string;
  readonly claim: Claimed;
  readonly outcome: AcceptedResponse;
}

const orgKey = (orgId: string, key: string): string => `${orgId}\u0000${key}`;
const byOrgAndKey =
  <T>(keyOf: (item: T) => string) =>
  (a: T, b: T) =>
    keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0;

/**
 * Idempotency-Key claims in Postgres, shared by every API replica. `acquire` claims keys with
 * INSERT … ON CONFLICT; a key another request holds is polled until its outcome is stored, its
 * claim is released or dies, or `waitMs` passes (`busy`). Claims and completions of concurrent
 * requests share statements (one round trip per batch, not per request: with a key on every
 * request, two statements per request made Postgres round trips most of the API's CPU).
 */
export class IdempotencyStore {
  private readonly claims: StatementBatcher<OrgClaim, ClaimRow | undefined>;
  private readonly completions: StatementBatcher<OrgCompletion, void>;

  constructor(
    private readonly pool: Pool,
    private readonly timings: IdempotencyTimings = defaultIdempotencyTimings,
  ) {
    const claimKey = ({ orgId, request }: OrgClaim) => orgKey(orgId, request.key);
    this.claims = new StatementBatcher((items) => this.claimRows(items), { keyOf: claimKey });
    this.completions = new StatementBatcher((items) => this.completeRows(items), {
      keyOf: ({ orgId, claim }) => orgKey(orgId, claim.key),
    });
  }

  async acquire(orgId: string, requests: readonly ClaimRequest[]): Promise<Map<string, Acquired>> {
    const acquired = new Map<string, Acquired>();
    const deadline = Date.now() + this.timings.waitMs;
    let pending = [...requests];
    for (let pause = 10; pending.length > 0; pause = Math.min(pause * 2, 100)) {
      for (const claim of await this.claim(orgId, pending)) acquired.set(claim.key, claim);
      const rest = pending.filter(({ key }) => !acquired.has(key));
      if (rest.length === 0) break;
      const states = await this.states(orgId, rest);
      pending = [];
      for (const request of rest) {
        const state = states.get(request.key);
        if (!state || state.expired) {
          pending.push(request); // gone or expired since the claim: claim again
        } else if (state.fingerprint !== request.fingerprint) {
          acquired.set(request.key, { kind: 'reused', key: request.key });
        } else if (state.state === 'completed' && state.outcome) {
          acquired.set(request.key, {
            kind: 'completed',
            key: request.key,
            outcome: state.outcome,
          });
        } else {
          pending.push(request); // held by another request, or released: wait, then claim again
        }
      }
      if (pending.length > 0 && Date.now() + pause > deadline) {
        for (const { key } of pending) acquired.set(key, { kind: 'busy', key });
        break;
      }
      if (pending.length > 0) await delay(pause);
    }
    return acquired;
  }

  /** Stores the accepted outcome of each claim; retries of its key return it from now on. */
  async complete(
    orgId: string,
    completions: readonly { readonly claim: Claimed; readonly outcome: AcceptedResponse }[],
  ): Promise<void> {
    await Promise.all(
      completions.map(({ claim, outcome }) => this.completions.submit({ orgId, claim, outcome })),
    );
  }

  /**
   * Gives keys back after a rejection that produced no event (404, 409, 422): a fresh claim is
   * deleted, so the key may be reused with a corrected body; a taken-over one is only released,
   * because an earlier attempt may have reached Kafka with its ids.
   */
  async forget(orgId: string, claims: readonly Claimed[]): Promise<void> {
    if (claims.length === 0) return;
    const tokens = claims.map(({ token }) => token);
    await this.pool.query(forgetSql, [orgId, tokens]);
    await this.pool.query(releaseSql, [orgId, tokens]);
  }

  /** Releases keys whose publish failed (503): the client's retry takes them over at once. */
  async release(orgId: string, claims: readonly Claimed[]): Promise<void> {
    if (claims.length === 0) return;
    await this.pool.query(releaseSql, [orgId, claims.map(({ token }) => token)]);
  }

  /** Deletes up to `limit` expired keys; returns how many. */
  async deleteExpired(limit = 1_000): Promise<number> {
    const { rowCount } = await this.pool.query(cleanupSql, [limit]);
    return rowCount ?? 0;
  }

  private async claim(orgId: string, requests: readonly ClaimRequest[]): Promise<Claimed[]> {
    const rows = await Promise.all(
      requests.map((request) => this.claims.submit({ orgId, request })),
    );
    return rows.flatMap((row) =>
      row
        ? [
            {
              kind: 'claimed' as const,
              key: row.idempotency_key,
              responseId: row.response_id,
              eventId: row.event_id,
              token: row.claim_token,
              fresh: row.attempts === 1,
            },
          ]
        : [],
    );
  }

  /** One claim statement for many requests; the row each got, or undefined (not claimed). */
  private async claimRows(items: readonly OrgClaim[]): Promise<(ClaimRow | undefined)[]> {
    const sorted = [...items].sort(byOrgAndKey(({ orgId, request }) => orgKey(orgId, request.key)));
    const { rows } = await this.pool.query<ClaimRow>(claimSql, [
      this.timings.leaseMs / 1000,
      this.timings.ttlMs / 1000,
      sorted.map(({ orgId }) => orgId),
      sorted.map(({ request }) => request.key),
      sorted.map(({ request }) => request.fingerprint),
      sorted.map(({ request }) => request.responseId),
      sorted.map(({ request }) => request.eventId),
      sorted.map(() => randomUUID()),
    ]);
    const claimed = new Map(rows.map((row) => [orgKey(row.org_id, row.idempotency_key), row]));
    return items.map(({ orgId, request }) => claimed.get(orgKey(orgId, request.key)));
  }

  private async completeRows(items: readonly OrgCompletion[]): Promise<void[]> {
    const sorted = [...items].sort(byOrgAndKey(({ orgId, claim }) => orgKey(orgId, claim.key)));
    await this.pool.query(completeSql, [
      sorted.map(({ orgId }) => orgId),
      sorted.map(({ claim }) => claim.key),
      sorted.map(({ claim }) => claim.token),
      sorted.map(({ outcome }) => JSON.stringify(outcome)),
    ]);
    return items.map(() => undefined);
  }

  private async states(
    orgId: string,
    requests: readonly ClaimRequest[],
  ): Promise<Map<string, StateRow>> {
    const { rows } = await this.pool.query<StateRow>(stateSql, [
      orgId,
      requests.map(({ key }) => key),
    ]);
    return new Map(rows.map((row) => [row.idempotency_key, row]));
  }
}
