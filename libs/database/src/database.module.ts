import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Pool } from 'pg';
import { createPool } from './create-pool';
import type { DatabaseOptions } from './database-options';
import { runMigrations, type MigrationOptions } from './migrations';
import { PostgresReadinessProbe } from './postgres-readiness.probe';

/**
 * Provides a pg `Pool` (inject it by class) and the `postgres` readiness probe. With
 * `migrations`, the pool is handed out only after the app's pending migrations are applied, so
 * nothing that injects it can see an old schema. The pool is ended in onApplicationShutdown,
 * after consumers have finished their in-flight transactions in onModuleDestroy/beforeApplicationShutdown.
 */
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(@Inject(Pool) private readonly pool: Pool) {}

  static forRoot(options: DatabaseOptions & { migrations?: MigrationOptions }): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        { provide: Pool, useFactory: () => openPool(options, new Logger('Database')) },
        PostgresReadinessProbe,
      ],
      exports: [Pool],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    try {
      await this.pool.end();
    } catch (error) {
      this.logger.warn({ msg: 'closing the Postgres pool failed', err: error });
    }
  }
}

async function openPool(
  options: DatabaseOptions & { migrations?: MigrationOptions },
  logger: Logger,
): Promise<Pool> {
  const pool = createPool(options, logger);
  if (!options.migrations) return pool;
  try {
    await runMigrations(pool, options.migrations, logger);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return pool;
}
