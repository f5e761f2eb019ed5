import { Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import type { Pool } from 'pg';
import { migrateProjection, projectionMigrationDirs } from './projection-migrations';

/**
 * Present once the projection schemas are migrated and the read_model views point at the live
 * generation. Whatever writes or reads the read model injects it, so nothing sees an old schema.
 */
export class ReadModelSchema {
  private constructor() {}

  static async prepare(pool: Pool, migrationsDir: string): Promise<ReadModelSchema> {
    await migrateProjection(
      pool,
      projectionMigrationDirs(resolve(migrationsDir)),
      new Logger('Migrations'),
    );
    return new ReadModelSchema();
  }
}
