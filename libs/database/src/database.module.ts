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
import { PostgresReadinessProbe } from './postgres-readiness.probe';

/**
 * Provides a pg `Pool` (inject it by class) and the `postgres` readiness probe. The pool is
 * ended in onApplicationShutdown, after consumers have finished their in-flight transactions
 * in onModuleDestroy/beforeApplicationShutdown.
 */
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(@Inject(Pool) private readonly pool: Pool) {}

  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        { provide: Pool, useFactory: () => createPool(options, new Logger('Database')) },
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
