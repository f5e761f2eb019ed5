// `npx tsx apps/projector/src/migrate.ts`: applies collect-projector's pending Postgres
// migrations (the projection meta schema, then every building or live generation schema) and
// points the read_model views at the live generation, then exits. The projector also does this
// when it starts (replicas wait for each other on advisory locks); this command is for running
// it ahead of a deploy. It reads only DATABASE_URL, DATABASE_PASSWORD(_FILE) and
// PROJECTOR_MIGRATIONS_DIR.
import { runMigrationCommand } from '@collect/database';
import { defineConfig, loadConfig, loadConfigOrExit } from '@collect/platform';
import { resolve } from 'node:path';
import { projectorConfigSpec } from './config';
import { migrateProjection, projectionMigrationDirs } from './generations/projection-migrations';

const config = loadConfigOrExit(
  () =>
    loadConfig(
      defineConfig({
        databaseUrl: projectorConfigSpec.databaseUrl,
        databasePassword: projectorConfigSpec.databasePassword,
        migrationsDir: projectorConfigSpec.migrationsDir,
      }),
    ),
  'collect-projector migrate',
);

runMigrationCommand(
  {
    connectionString: config.databaseUrl,
    password: config.databasePassword,
    applicationName: 'collect-projector-migrate',
  },
  async (pool, logger) => {
    await migrateProjection(pool, projectionMigrationDirs(resolve(config.migrationsDir)), logger);
    logger.log({ msg: 'projection migrations applied' });
  },
);
