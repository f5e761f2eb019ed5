import type { Pool, PoolClient } from 'pg';
import { fromDatabaseError } from '../errors/from-database-error';

/**
 * Opens a batch transaction with asynchronous commit: COMMIT returns before the WAL reaches the
 * disk, so a batch no longer waits for an fsync. Safe here: a Postgres crash can lose only the
 * last few committed transactions whole — rows and their checkpoint together, never one without
 * the other, since both are in one transaction and WAL replays in order — and Kafka still holds
 * those events: the consumer's next compare-and-set finds the older checkpoint and re-seeks to
 * it. Nothing else commits in these transactions.
 */
const BEGIN_BATCH = 'BEGIN; SET LOCAL synchronous_commit TO off';

/**
 * Runs `work` in one transaction; commits what it returns unless `commit` says otherwise, rolls
 * back on any error. Database errors come out as ProjectorErrors (retriable when passing).
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  commit: (result: T) => boolean = () => true,
): Promise<T> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw fromDatabaseError(error, 'connecting to Postgres');
  }
  // A connection lost mid-statement also fails that statement (handled below); without a
  // listener the client's own 'error' event would crash the process (a checked-out client has none).
  client.on('error', ignoreConnectionError);
  try {
    await client.query(BEGIN_BATCH);
    const result = await work(client);
    await client.query(commit(result) ? 'COMMIT' : 'ROLLBACK');
    client.off('error', ignoreConnectionError);
    client.release();
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    // Destroyed, not reused: the failure may have been the connection itself.
    client.release(true);
    throw fromDatabaseError(error, 'applying a batch');
  }
}

function ignoreConnectionError(): void {}
