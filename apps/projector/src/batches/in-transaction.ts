import type { Pool, PoolClient } from 'pg';
import { fromDatabaseError } from '../errors/from-database-error';

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
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query(commit(result) ? 'COMMIT' : 'ROLLBACK');
    client.release();
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    // Destroyed, not reused: the failure may have been the connection itself.
    client.release(true);
    throw fromDatabaseError(error, 'applying a batch');
  }
}
