import { Logger } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { ApiError } from '../http';

/** First key of the two-key advisory lock: 'Form' in ASCII, so other lock users pick other namespaces. */
export const formLockNamespace = 0x466f726d;

export interface FormLockOptions {
  /** How long to wait for the lock (another command on the same form) before answering 503. */
  readonly lockTimeoutMs: number;
  readonly retryAfterSeconds: number;
}

const logger = new Logger('FormLock');

/**
 * Runs `work` while holding the form's transaction-scoped advisory lock, so commands on one form
 * are serialised across every API replica; the lock goes with the transaction (commit, rollback,
 * or a dropped connection). Nothing is written to Postgres: the event in Kafka is the outcome, so
 * once `work` has resolved a failing COMMIT does not undo it.
 */
export async function withFormLock<T>(
  pool: Pool,
  formId: string,
  options: FormLockOptions,
  work: () => Promise<T>,
): Promise<T> {
  const client = await connect(pool, options);
  let broken: Error | undefined;
  try {
    await lock(client, formId, options);
    const result = await work();
    await client.query('COMMIT').catch((error: Error) => {
      broken = error;
      logger.warn({ msg: 'releasing a form lock failed after the command succeeded', err: error });
    });
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}

async function connect(pool: Pool, options: FormLockOptions): Promise<PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    throw databaseUnavailable(options, error);
  }
}

async function lock(client: PoolClient, formId: string, options: FormLockOptions): Promise<void> {
  try {
    await client.query('BEGIN');
    await client.query(
      `SET LOCAL lock_timeout = ${Math.max(1, Math.round(options.lockTimeoutMs))}`,
    );
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      formLockNamespace,
      formId,
    ]);
  } catch (error) {
    if ((error as { code?: unknown }).code === '55P03') {
      throw ApiError.unavailable(
        'form-busy',
        `other changes to form "${formId}" are still in progress; retry shortly`,
        1,
        error,
      );
    }
    throw databaseUnavailable(options, error);
  }
}

function databaseUnavailable(options: FormLockOptions, cause: unknown): ApiError {
  return ApiError.unavailable(
    'database-unavailable',
    'the database is unavailable, so the form cannot be changed safely; nothing was recorded',
    options.retryAfterSeconds,
    cause,
  );
}
