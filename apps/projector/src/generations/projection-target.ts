import type { PoolClient } from 'pg';
import { generationSchema } from './generation';
import { lockLiveGeneration } from './generations-store';

/**
 * Which generation schema a batch writes to, resolved inside each batch transaction.
 *
 * `live`: the live generation, share-locked for the transaction, so a switch-over waits for
 * in-flight batches; after it, the next batch writes to the new generation, whose offsets differ,
 * so its compare-and-set fails and the consumer re-seeks from the new generation's checkpoint.
 * `fixed`: one generation, e.g. the one a rebuild is building.
 */
export interface ProjectionTarget {
  /** Inside the caller's transaction: the schema to write to (and read checkpoints from). */
  resolve(client: PoolClient): Promise<string>;
}

export const liveTarget: ProjectionTarget = {
  resolve: async (client) => (await lockLiveGeneration(client)).schemaName,
};

export function fixedTarget(generation: number): ProjectionTarget {
  const schema = generationSchema(generation);
  return { resolve: () => Promise.resolve(schema) };
}
