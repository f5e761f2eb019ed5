import { retryWhileRetriable, type BackoffPolicy } from '@collect/kafka';
import { Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { fromDatabaseError } from '../errors/from-database-error';
import { migrateProjection, projectionMigrationDirs } from './projection-migrations';

/**
 * Brings the read-model schema up to date before anything writes to it. While Postgres is
 * unreachable it waits with backoff instead of failing the start (no restart loop); a migration
 * that cannot apply (an edited file, invalid SQL) rejects.
 */
export async function prepareReadModelSchema(
  pool: Pool,
  migrationsDir: string,
  backoff: BackoffPolicy,
  stopping: AbortSignal,
): Promise<'prepared' | 'stopped'> {
  const logger = new Logger('Migrations');
  const outcome = await retryWhileRetriable(
    async () => {
      try {
        await migrateProjection(pool, projectionMigrationDirs(resolve(migrationsDir)), logger);
      } catch (error) {
        throw fromDatabaseError(error, 'migrating the read model');
      }
    },
    {
      backoff,
      isRetriable: (error) => (error as { retriable?: boolean }).retriable === true,
      wait: (delayMs) => sleep(delayMs, true, { signal: stopping }).catch(() => false),
      onRetry: (error, attempt, delayMs) =>
        logger.warn({
          msg: 'cannot migrate the read model yet (Postgres unavailable); retrying',
          attempt: attempt + 1,
          delayMs,
          err: (error as Error).message,
        }),
    },
  );
  return outcome.status === 'done' ? 'prepared' : 'stopped';
}
