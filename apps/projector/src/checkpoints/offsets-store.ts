import type { CheckpointStore, PartitionBatch } from '@collect/kafka';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../batches/in-transaction';
import type { ProjectionTarget } from '../generations/projection-target';

/** The consumer's view of the checkpoints: the target generation's `offsets` table. */
export class OffsetsCheckpointStore implements CheckpointStore {
  constructor(
    private readonly pool: Pool,
    private readonly target: ProjectionTarget,
  ) {}

  /**
   * In one transaction that resolves the target as a batch does (the live generation
   * share-locked), so a switch-over, or the drop of the generation it retired, cannot slip in
   * between naming the schema and reading it.
   */
  async load(topic: string, partitions: readonly number[]): Promise<ReadonlyMap<number, bigint>> {
    return inTransaction(this.pool, async (client) => {
      const schema = await this.target.resolve(client);
      const { rows } = await client.query<{ partition: number; next_offset: string }>(
        `SELECT partition, next_offset FROM ${schema}.offsets
          WHERE topic = $1 AND partition = ANY($2::int[])`,
        [topic, partitions],
      );
      return new Map(rows.map((row) => [row.partition, BigInt(row.next_offset)]));
    });
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
