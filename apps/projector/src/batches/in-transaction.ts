import { inTransaction as inDatabaseTransaction } from '@collect/database';
import type { Pool, PoolClient } from 'pg';
import { fromDatabaseError } from '../errors/from-database-error';

/**
 * Runs a batch's `work` in one transaction (see `inTransaction` of @collect/database); database
 * errors come out as ProjectorErrors (retriable when passing).
 *
 * Asynchronous commit: COMMIT returns before the WAL reaches the disk, so a batch no longer waits
 * for an fsync. Safe here: a Postgres crash can lose only the last few committed transactions
 * whole — rows and their checkpoint together, never one without the other, since both are in one
 * transaction and WAL replays in order — and Kafka still holds those events: the consumer's next
 * compare-and-set finds the older checkpoint and re-seeks to it.
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  commit: (result: T) => boolean = () => true,
): Promise<T> {
  try {
    return await inDatabaseTransaction(pool, work, commit, { asynchronousCommit: true });
  } catch (error) {
    throw fromDatabaseError(error, 'applying a batch');
  }
}
