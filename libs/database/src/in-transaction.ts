import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on a connection of its own; commits what it returns unless
 * `commit` says otherwise, rolls back on any error and then destroys the connection (the
 * failure may have been the socket). Errors pass through unchanged: callers convert them into
 * their own error family.
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  commit: (result: T) => boolean = () => true,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query(commit(result) ? 'COMMIT' : 'ROLLBACK');
    client.release();
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(true);
    throw error;
  }
}
