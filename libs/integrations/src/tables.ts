/** The Postgres tables of the integrations contract (schema public, database `collect`). */
export const integrationTables = {
  connectorTypes: 'connector_types',
  integrations: 'integrations',
  integrationCursors: 'integration_cursors',
  connectorDeliveries: 'connector_deliveries',
  integrationStatus: 'integration_status',
  connectorDeadLetters: 'connector_dead_letters',
  rateLimitBuckets: 'rate_limit_buckets',
  /** The live consumer groups' checkpoints (runtime only). */
  connectorOffsets: 'connector_offsets',
} as const;

/** SQL functions the API calls instead of changing the runtime's rows itself. */
export const integrationFunctions = {
  /** `replay_integration(integration_id, topic, partitions int[], offsets bigint[]) → ledger rows cleared`. */
  replayIntegration: 'replay_integration',
  /** `redrive_dead_letters(integration_id, dead_letter_ids uuid[] | NULL) → dead letters redriven`. */
  redriveDeadLetters: 'redrive_dead_letters',
} as const;

/** The table recording which contract migrations were applied (one for the API and all connectors). */
export const integrationsMigrationsTable = 'integrations_schema_migrations';

/**
 * The folder of the contract's migrations relative to the repository root (the working directory
 * of every app). Apps make it configurable (`INTEGRATIONS_MIGRATIONS_DIR` by convention): bundled
 * builds have no source tree.
 */
export const defaultIntegrationsMigrationsDir = 'libs/integrations/migrations';

/**
 * Options for `runMigrations(pool, integrationsMigrations(dir))`. The API and every connector app
 * apply them at start; the runner's advisory lock makes concurrent starts safe.
 */
export function integrationsMigrations(directory: string = defaultIntegrationsMigrationsDir): {
  readonly directory: string;
  readonly table: string;
} {
  return { directory, table: integrationsMigrationsTable };
}
