import type { PoolClient } from 'pg';
import type { Settlement } from '../delivery/settle';

/** One integration's settled round, with the dead letters written for it. */
export interface SettledIntegration {
  readonly integrationId: string;
  readonly topic: string;
  readonly partition: number;
  readonly settlement: Settlement;
  /** The cursor was moved only when this is set and differs from the locked value. */
  readonly lockedCursor: bigint;
  readonly deadLetters: ReadonlyArray<DeadLetterRow>;
}

export interface DeadLetterRow {
  readonly deadLetterId: string;
  readonly responseId: string;
  readonly reason: string;
  readonly sourceOffset: bigint;
  readonly dlqOffset: bigint | null;
}

/**
 * Inside the round's transaction (which holds the cursor locks): the ledger rows, the dead-letter
 * index, the cursors and the status counters of every settled integration, set-based.
 */
export async function recordOutcomes(
  client: PoolClient,
  settled: readonly SettledIntegration[],
): Promise<void> {
  await markDelivered(client, settled);
  await markFailed(client, settled);
  await releaseClaims(client, settled);
  await indexDeadLetters(client, settled);
  await moveCursors(client, settled);
  await countInStatus(client, settled);
}

function pairs<T>(
  settled: readonly SettledIntegration[],
  pick: (s: SettledIntegration) => readonly T[],
): Array<{ integrationId: string; item: T }> {
  return settled.flatMap((s) => pick(s).map((item) => ({ integrationId: s.integrationId, item })));
}

async function markDelivered(client: PoolClient, settled: readonly SettledIntegration[]) {
  const rows = pairs(settled, (s) => s.settlement.delivered);
  if (rows.length === 0) return;
  await client.query(
    `UPDATE connector_deliveries d
        SET state = 'delivered', attempts = d.attempts + 1, last_error = NULL, updated_at = now()
       FROM unnest($1::uuid[], $2::uuid[]) AS t(i, r)
      WHERE d.integration_id = t.i AND d.response_id = t.r`,
    [rows.map((row) => row.integrationId), rows.map((row) => row.item.responseId)],
  );
}

async function markFailed(client: PoolClient, settled: readonly SettledIntegration[]) {
  const rows = pairs(settled, (s) => s.settlement.failed);
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO connector_deliveries
       (integration_id, response_id, state, attempts, source_partition, source_offset, last_error, updated_at)
     SELECT i, r, 'failed', 1, p, o, e, now()
       FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::bigint[], $5::text[]) AS t(i, r, p, o, e)
     ON CONFLICT (integration_id, response_id) DO UPDATE
       SET state = 'failed', attempts = connector_deliveries.attempts + 1,
           last_error = EXCLUDED.last_error, updated_at = now()`,
    [
      rows.map((row) => row.integrationId),
      rows.map((row) => row.item.message.responseId),
      rows.map((row) => row.item.message.position.partition),
      rows.map((row) => String(row.item.message.position.offset)),
      rows.map((row) => row.item.reason),
    ],
  );
}

async function releaseClaims(client: PoolClient, settled: readonly SettledIntegration[]) {
  const rows = pairs(settled, (s) => s.settlement.released);
  if (rows.length === 0) return;
  await client.query(
    `DELETE FROM connector_deliveries d
      USING unnest($1::uuid[], $2::uuid[]) AS t(i, r)
      WHERE d.integration_id = t.i AND d.response_id = t.r AND d.state = 'claimed'`,
    [rows.map((row) => row.integrationId), rows.map((row) => row.item.responseId)],
  );
}

async function indexDeadLetters(client: PoolClient, settled: readonly SettledIntegration[]) {
  const rows = settled.flatMap((s) => s.deadLetters.map((letter) => ({ s, letter })));
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO connector_dead_letters
       (dead_letter_id, integration_id, response_id, reason, source_topic, source_partition,
        source_offset, dlq_offset, created_at)
     SELECT d, i, r, e, t, p, o, q, now()
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::bigint[], $8::bigint[])
         AS x(d, i, r, e, t, p, o, q)`,
    [
      rows.map(({ letter }) => letter.deadLetterId),
      rows.map(({ s }) => s.integrationId),
      rows.map(({ letter }) => letter.responseId),
      rows.map(({ letter }) => letter.reason),
      rows.map(({ s }) => s.topic),
      rows.map(({ s }) => s.partition),
      rows.map(({ letter }) => String(letter.sourceOffset)),
      rows.map(({ letter }) => (letter.dlqOffset === null ? null : String(letter.dlqOffset))),
    ],
  );
}

async function moveCursors(client: PoolClient, settled: readonly SettledIntegration[]) {
  const moved = settled.filter((s) => s.settlement.nextCursor !== s.lockedCursor);
  if (moved.length === 0) return;
  await client.query(
    `UPDATE integration_cursors c SET next_offset = t.o
       FROM unnest($1::uuid[], $2::text[], $3::int[], $4::bigint[]) AS t(i, tp, p, o)
      WHERE c.integration_id = t.i AND c.topic = t.tp AND c.partition = t.p`,
    [
      moved.map((s) => s.integrationId),
      moved.map((s) => s.topic),
      moved.map((s) => s.partition),
      moved.map((s) => String(s.settlement.nextCursor)),
    ],
  );
}

async function countInStatus(client: PoolClient, settled: readonly SettledIntegration[]) {
  const touched = settled.filter(
    (s) => s.settlement.delivered.length > 0 || s.deadLetters.length > 0 || s.settlement.lastError,
  );
  if (touched.length === 0) return;
  await client.query(
    `INSERT INTO integration_status
       (integration_id, state, delivered_count, dead_lettered_count, last_error, last_error_at, updated_at)
     SELECT i, 'live', d, f, e, CASE WHEN e IS NULL THEN NULL ELSE now() END, now()
       FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::text[]) AS t(i, d, f, e)
     ON CONFLICT (integration_id) DO UPDATE SET
       delivered_count = integration_status.delivered_count + EXCLUDED.delivered_count,
       dead_lettered_count = integration_status.dead_lettered_count + EXCLUDED.dead_lettered_count,
       last_error = coalesce(EXCLUDED.last_error, integration_status.last_error),
       last_error_at = coalesce(EXCLUDED.last_error_at, integration_status.last_error_at),
       updated_at = now()`,
    [
      touched.map((s) => s.integrationId),
      touched.map((s) => String(s.settlement.delivered.length)),
      touched.map((s) => String(s.deadLetters.length)),
      touched.map((s) => s.settlement.lastError ?? null),
    ],
  );
}
