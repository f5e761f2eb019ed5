import { inTransaction } from '@collect/database';
import type { Pool, PoolClient } from 'pg';
import { fromDatabaseError } from '../errors/from-database-error';

/** One transaction (see `inTransaction`), its database errors as ConnectorRuntimeErrors. */
export async function withTransaction<T>(
  pool: Pool,
  doing: string,
  work: (client: PoolClient) => Promise<T>,
  commit: (result: T) => boolean = () => true,
): Promise<T> {
  try {
    return await inTransaction(pool, work, commit);
  } catch (error) {
    throw fromDatabaseError(error, doing);
  }
}

/** Runs `work` over `items` with at most `limit` at a time; results in input order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
