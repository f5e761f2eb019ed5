import type { Pool } from 'pg';
import { fromDatabaseError } from '../errors/from-database-error';

/** Every integration's cursor on each partition (missing rows read as 0). */
export async function readCursors(
  pool: Pool,
  integrationIds: readonly string[],
  topic: string,
  partitions: readonly number[],
): Promise<Map<string, Map<number, bigint>>> {
  const cursors = new Map<string, Map<number, bigint>>(
    integrationIds.map((id) => [id, new Map(partitions.map((p) => [p, 0n]))]),
  );
  if (integrationIds.length === 0 || partitions.length === 0) return cursors;
  try {
    const { rows } = await pool.query<{
      integration_id: string;
      partition: number;
      next_offset: string;
    }>(
      `SELECT integration_id, partition, next_offset FROM integration_cursors
        WHERE integration_id = ANY($1::uuid[]) AND topic = $2 AND partition = ANY($3::int[])`,
      [integrationIds, topic, partitions],
    );
    for (const row of rows)
      cursors.get(row.integration_id)?.set(row.partition, BigInt(row.next_offset));
    return cursors;
  } catch (error) {
    throw fromDatabaseError(error, 'reading integration cursors');
  }
}
