import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { createPool } from '../create-pool';
import type { DatabaseOptions } from '../database-options';

/**
 * The body of an app's `migrate.ts` command: opens a small pool, runs `migrate` with it, closes
 * it, and exits 1 with a one-line message when anything fails.
 */
export function runMigrationCommand(
  database: Pick<DatabaseOptions, 'connectionString' | 'password' | 'applicationName'>,
  migrate: (pool: Pool, logger: Logger) => Promise<void>,
): void {
  const logger = new Logger('migrate');
  const pool = createPool({ ...database, maxConnections: 2 }, logger);
  migrate(pool, logger)
    .finally(() => pool.end())
    .catch((error: unknown) => {
      process.stderr.write(
        `migrate failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    });
}
