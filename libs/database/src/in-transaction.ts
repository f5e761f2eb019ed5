import type { Pool, PoolClient } from 'pg';

export interface TransactionOptions {
  /**
   * COMMIT returns before the WAL reaches the disk (`SET LOCAL synchronous_commit TO off`): a
   * Postgres crash may lose the last few committed transactions, each whole. Only for work whose
   * source can replay it (e.g. a projection with its checkpoint in the same transaction).
   */
  readonly asynchronousCommit?: boolean;
}

const BEGIN = 'BEGIN';
const BEGIN_ASYNCHRONOUS = 'BEGIN; SET LOCAL synchronous_commit TO off';

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
  options: TransactionOptions = {},
): Promise<T> {
  const client = await pool.connect();
  // A connection lost mid-statement also fails that statement (handled below); without a
  // listener the client's own 'error' event would crash the process (a checked-out client has none).
  client.on('error', ignoreConnectionError);
  try {
    await client.query(options.asynchronousCommit ? BEGIN_ASYNCHRONOUS : BEGIN);
    const result = await work(client);
    await client.query(commit(result) ? 'COMMIT' : 'ROLLBACK');
    client.off('error', ignoreConnectionError);
    client.release();
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(true);
    throw error;
  }
}

function ignoreConnectionError(): void {}
