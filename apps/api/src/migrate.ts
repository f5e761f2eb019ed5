// `npx tsx apps/api/src/migrate.ts`: applies collect-api's pending Postgres migrations and exits.
// The api also applies them when it starts (replicas wait for each other on an advisory lock);
// this command is for running them ahead of a deploy, e.g. as a Kubernetes Job. It reads only
// DATABASE_URL, DATABASE_PASSWORD(_FILE), API_MIGRATIONS_DIR and INTEGRATIONS_MIGRATIONS_DIR (the
// integrations contract's tables, shared with the connectors).
import { createPool, runMigrations } from '@collect/database';
import { integrationsMigrations } from '@collect/integrations';
import { defineConfig, loadConfig, loadConfigOrExit } from '@collect/platform';
import { Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import { apiConfigSpec } from './config';
import { API_MIGRATIONS_TABLE } from './migrations-table';

const spec = defineConfig({
  databaseUrl: apiConfigSpec.databaseUrl,
  databasePassword: apiConfigSpec.databasePassword,
  migrationsDir: apiConfigSpec.migrationsDir,
  integrationsMigrationsDir: apiConfigSpec.integrationsMigrationsDir,
});

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig(spec), 'collect-api migrate');
  const logger = new Logger('migrate');
  const pool = createPool(
    {
      connectionString: config.databaseUrl,
      password: config.databasePassword,
      applicationName: 'collect-api-migrate',
      maxConnections: 1,
    },
    logger,
  );
  try {
    const applied = await runMigrations(
      pool,
      { directory: resolve(config.migrationsDir), table: API_MIGRATIONS_TABLE },
      logger,
    );
    logger.log({ msg: `${applied.length} migration(s) applied`, applied });
    const contract = integrationsMigrations(resolve(config.integrationsMigrationsDir));
    const appliedContract = await runMigrations(pool, contract, logger);
    logger.log({
      msg: `${appliedContract.length} integrations migration(s) applied`,
      applied: appliedContract,
    });
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `migrate failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
