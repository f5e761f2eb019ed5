import type { CheckpointStore, PartitionBatch } from '@collect/kafka';
import type { Pool, PoolClient } from 'pg';
import { fromDatabaseError } from '../errors/from-database-error';
import type { ProjectionTarget } from '../generations/projection-target';

/** The consumer's view of the checkpoints: the target generation's `offsets` table. */
export class OffsetsCheckpointStore implements CheckpointStore {
  constructor(
    private readonly pool: Pool,
    private readonly target: ProjectionTarget,
  ) {}

  async load(topic: string, partitions: readonly number[]): Promise<ReadonlyMap<number, bigint>> {
    try {
      const schema = await this.target.current(this.pool);
      const { rows } = await this.pool.query<{ partition: number; next_offset: string }>(
        `SELECT partition, next_offset FROM ${schema}.offsets
          WHERE topic = $1 AND partition = ANY($2::int[])`,
        [topic, partitions],
      );
      return new Map(rows.map((row) => [row.partition, BigInt(row.next_offset)]));
    } catch (error) {
      throw fromDatabaseError(error, `reading the checkpoints of ${topic}`);
    }
  }
}

/**
 * Inside the batch transaction, first: moves the partition's checkpoint from the batch's
 * expected offset to its next offset (compare-and-set; the row lock serialises instances on the
 * partition until commit). False when the stored checkpoint is not the expected one: the batch
 * is stale and must not be applied.
 */
export async function advanceCheckpoint(
  client: PoolClient,
  schema: string,
  batch: PartitionBatch,
): Promise<boolean> {
  const result = batch.checkpointed
    ? await client.query(
        `UPDATE ${schema}.offsets SET next_offset = $3, updated_at = now()
          WHERE topic = $1 AND partition = $2 AND next_offset = $4`,
        [batch.topic, batch.partition, String(batch.nextOffset), String(batch.expectedOffset)],
      )
    : await client.query(
        `INSERT INTO ${schema}.offsets (topic, partition, next_offset, updated_at)
         VALUES ($1, $2, $3, now())
         ON CONFLICT (topic, partition) DO NOTHING`,
        [batch.topic, batch.partition, String(batch.nextOffset)],
      );
  return result.rowCount === 1;
}
