import type { PoolClient } from 'pg';

export interface CursorWindow {
  readonly topic: string;
  readonly partition: number;
  /** Serve integrations whose cursor is at least this… */
  readonly from: bigint;
  /** …and at most this (the batch's last offset)… */
  readonly to: bigint;
  /** …and, for the catch-up reader, below the live group's position. */
  readonly below?: bigint;
}

/**
 * Inside the round's transaction: makes sure every candidate has a cursor row (missing reads as
 * 0), then locks the rows of those still active whose cursor lies in the window and returns
 * their values (a pause or detach takes effect at the next round, whatever the cache says).
 * SKIP LOCKED: an integration another reader is serving right now is left to it (it stays behind
 * and is picked up by a later round), so readers never wait on each other or deadlock.
 */
export async function lockCursors(
  client: PoolClient,
  integrationIds: readonly string[],
  window: CursorWindow,
): Promise<Map<string, bigint>> {
  if (integrationIds.length === 0) return new Map();
  await client.query(
    `INSERT INTO integration_cursors (integration_id, topic, partition, next_offset)
     SELECT i, $2, $3, 0 FROM unnest($1::uuid[]) AS t(i)
     ON CONFLICT (integration_id, topic, partition) DO NOTHING`,
    [integrationIds, window.topic, window.partition],
  );
  const { rows } = await client.query<{ integration_id: string; next_offset: string }>(
    `SELECT c.integration_id, c.next_offset FROM integration_cursors c
      WHERE c.integration_id = ANY($1::uuid[]) AND c.topic = $2 AND c.partition = $3
        AND c.next_offset >= $4 AND c.next_offset <= $5
        AND ($6::bigint IS NULL OR c.next_offset < $6::bigint)
        AND EXISTS (SELECT 1 FROM integrations i
                     WHERE i.integration_id = c.integration_id AND i.state = 'active')
      ORDER BY c.integration_id
      FOR UPDATE OF c SKIP LOCKED`,
    [
      integrationIds,
      window.topic,
      window.partition,
      String(window.from),
      String(window.to),
      window.below === undefined ? null : String(window.below),
    ],
  );
  return new Map(rows.map((row) => [row.integration_id, BigInt(row.next_offset)]));
}
