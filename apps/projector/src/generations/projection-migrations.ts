import { runMigrations, type MigrationLog } from '@collect/database';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { META_SCHEMA, PROJECTION_MIGRATIONS_TABLE } from './generation';
import { activeGenerations } from './generations-store';
import { refreshReadModelViews } from './read-model-views';

/** Where the projector's two migration folders live, below the configured migrations root. */
export interface ProjectionMigrationDirs {
  /** `<root>/meta`: the `projection` meta schema (generations) and the `read_model` schema. */
  readonly meta: string;
  /** `<root>/generation`: the read-model tables, applied into each `projection_g<N>` schema. */
  readonly generation: string;
}

export function projectionMigrationDirs(root: string): ProjectionMigrationDirs {
  return { meta: join(root, 'meta'), generation: join(root, 'generation') };
}

/**
 * Brings the read model up to date, safe with several replicas starting together: applies the
 * meta migrations (which bootstrap generation 1 as live), then the generation migrations into
 * every building or live generation schema, then points the `read_model` views at the live
 * generation (so columns added by a migration show through them).
 */
export async function migrateProjection(
  pool: Pool,
  dirs: ProjectionMigrationDirs,
  logger?: MigrationLog,
): Promise<void> {
  await runMigrations(
    pool,
    { directory: dirs.meta, table: PROJECTION_MIGRATIONS_TABLE, schema: META_SCHEMA },
    logger,
  );
  for (const generation of await activeGenerations(pool)) {
    await migrateGeneration(pool, dirs, generation.schemaName, logger);
  }
  await refreshReadModelViews(pool);
}

/** Creates (when missing) and migrates one generation schema, e.g. for a rebuild. */
export async function migrateGeneration(
  pool: Pool,
  dirs: ProjectionMigrationDirs,
  schemaName: string,
  logger?: MigrationLog,
): Promise<number[]> {
  return runMigrations(
    pool,
    { directory: dirs.generation, table: PROJECTION_MIGRATIONS_TABLE, schema: schemaName },
    logger,
  );
}
