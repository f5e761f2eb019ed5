import type { Pool } from 'pg';
import { fromDatabaseError } from '../errors/from-database-error';
import type { DecodedMessage } from '../delivery/positioned-message';

/** One integration's messages of a round, and what the ledger says about each. */
export interface ClaimRequest {
  readonly integrationId: string;
  readonly messages: readonly DecodedMessage[];
}

export interface ClaimResult {
  /** Claimed now: ours to send. */
  readonly fresh: readonly DecodedMessage[];
  /** Claimed before and never settled (a crash, a throw): resolve before sending anything new. */
  readonly unconfirmed: readonly DecodedMessage[];
  /** Already delivered or failed, or repeating an earlier response's id: skip. */
  readonly done: readonly DecodedMessage[];
}

/**
 * Claims every message of the round in the ledger before anything is sent, committed at once
 * (autocommit, outside the round's transaction) so a crash during the send leaves the claim
 * behind. The caller holds the integrations' cursor locks, so a claim found already there was
 * left by a round that is over (crashed or failed), never by one still sending.
 */
export async function claim(
  pool: Pool,
  requests: readonly ClaimRequest[],
): Promise<Map<string, ClaimResult>> {
  const unique = requests.map((request) => ({ ...request, ...splitRepeats(request.messages) }));
  const rows = unique.flatMap((request) =>
    request.first.map((message) => ({ integrationId: request.integrationId, message })),
  );
  if (rows.length === 0) {
    return new Map(
      unique.map((request) => [
        request.integrationId,
        { fresh: [], unconfirmed: [], done: request.repeats },
      ]),
    );
  }
  const { inserted, existing } = await insertClaims(pool, rows);
  return new Map(
    unique.map((request) => {
      const fresh: DecodedMessage[] = [];
      const unconfirmed: DecodedMessage[] = [];
      const done: DecodedMessage[] = [...request.repeats];
      for (const message of request.first) {
        const key = `${request.integrationId}/${message.responseId}`;
        if (inserted.has(key)) fresh.push(message);
        else if (existing.get(key) === 'claimed') unconfirmed.push(message);
        else done.push(message);
      }
      return [request.integrationId, { fresh, unconfirmed, done }];
    }),
  );
}

function splitRepeats(messages: readonly DecodedMessage[]): {
  first: DecodedMessage[];
  repeats: DecodedMessage[];
} {
  const seen = new Set<string>();
  const first: DecodedMessage[] = [];
  const repeats: DecodedMessage[] = [];
  for (const message of messages) {
    if (seen.has(message.responseId)) repeats.push(message);
    else {
      seen.add(message.responseId);
      first.push(message);
    }
  }
  return { first, repeats };
}

async function insertClaims(
  pool: Pool,
  rows: ReadonlyArray<{ integrationId: string; message: DecodedMessage }>,
): Promise<{ inserted: Set<string>; existing: Map<string, string> }> {
  const params = [
    rows.map((row) => row.integrationId),
    rows.map((row) => row.message.responseId),
    rows.map((row) => row.message.position.partition),
    rows.map((row) => String(row.message.position.offset)),
  ];
  try {
    const insert = await pool.query<{ integration_id: string; response_id: string }>(
      `INSERT INTO connector_deliveries
         (integration_id, response_id, state, attempts, source_partition, source_offset, last_error, updated_at)
       SELECT i, r, 'claimed', 0, p, o, NULL, now()
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::bigint[]) AS t(i, r, p, o)
       ON CONFLICT (integration_id, response_id) DO NOTHING
       RETURNING integration_id, response_id`,
      params,
    );
    const inserted = new Set(insert.rows.map((row) => `${row.integration_id}/${row.response_id}`));
    const missing = rows.filter(
      (row) => !inserted.has(`${row.integrationId}/${row.message.responseId}`),
    );
    const existing = new Map<string, string>();
    if (missing.length > 0) {
      const found = await pool.query<{
        integration_id: string;
        response_id: string;
        state: string;
      }>(
        `SELECT d.integration_id, d.response_id, d.state
           FROM connector_deliveries d
           JOIN unnest($1::uuid[], $2::uuid[]) AS t(i, r) ON d.integration_id = t.i AND d.response_id = t.r`,
        [missing.map((row) => row.integrationId), missing.map((row) => row.message.responseId)],
      );
      for (const row of found.rows)
        existing.set(`${row.integration_id}/${row.response_id}`, row.state);
    }
    return { inserted, existing };
  } catch (error) {
    throw fromDatabaseError(error, 'claiming deliveries');
  }
}
