import type { CheckpointStore, PartitionBatch } from '@collect/kafka';
import type { Pool, PoolClient } from 'pg';
import { fromDatabaseError } from '../errors/from-database-error';

/** The live group's checkpoints (`connector_offsets`): where each partition starts. */
export class GroupCheckpoints implements CheckpointStore {
  constructor(
    private readonly pool: Pool,
    private readonly groupId: string,
  ) {}

  async load(topic: string, partitions: readonly number[]): Promise<ReadonlyMap<number, bigint>> {
    try {
      return await storedGroupOffsets(this.pool, this.groupId, topic, partitions);
    } catch (error) {
      throw fromDatabaseError(error, `reading the checkpoints of ${topic}`);
    }
  }
}

/**
 * First thing in a live batch's transaction: moves the group's checkpoint from where the batch
 * starts to where it ends (compare-and-set). The row lock it takes serialises members on the
 * partition until commit. False when the stored checkpoint is another: the batch is stale.
 */
export async function advanceGroupCheckpoint(
  client: PoolClient,
  groupId: string,
  batch: PartitionBatch,
): Promise<boolean> {
  const result = batch.checkpointed
    ? await client.query(
        `UPDATE connector_offsets SET next_offset = $4, updated_at = now()
          WHERE group_id = $1 AND topic = $2 AND partition = $3 AND next_offset = $5`,
        [
          groupId,
          batch.topic,
          batch.partition,
          String(batch.nextOffset),
          String(batch.expectedOffset),
        ],
      )
    : await client.query(
        `INSERT INTO connector_offsets (group_id, topic, partition, next_offset, updated_at)
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (group_id, topic, partition) DO NOTHING`,
        [groupId, batch.topic, batch.partition, String(batch.nextOffset)],
      );
  return result.rowCount === 1;
}

/** The group's checkpoints of `topic` for the given partitions (missing ones read as 0). */
export async function groupOffsets(
  client: Pool | PoolClient,
  groupId: string,
  topic: string,
  partitions: readonly number[],
): Promise<Map<number, bigint>> {
  const stored = await storedGroupOffsets(client, groupId, topic, partitions);
  return new Map(partitions.map((partition) => [partition, stored.get(partition) ?? 0n]));
}

async function storedGroupOffsets(
  client: Pool | PoolClient,
  groupId: string,
  topic: string,
  partitions: readonly number[],
): Promise<Map<number, bigint>> {
  const { rows } = await client.query<{ partition: number; next_offset: string }>(
    `SELECT partition, next_offset FROM connector_offsets
      WHERE group_id = $1 AND topic = $2 AND partition = ANY($3::int[])`,
    [groupId, topic, partitions],
  );
  return new Map(rows.map((row) => [row.partition, BigInt(row.next_offset)]));
}
