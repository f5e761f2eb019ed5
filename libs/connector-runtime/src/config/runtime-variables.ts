// Nest-free on purpose: connector apps spread these into their config.ts, which is loaded
// before telemetry starts (relative imports, not the @collect/platform barrel).
import { z } from 'zod';
import {
  defineConfig,
  envVar,
  integer,
  nonEmptyString,
  type ConfigOf,
} from '../../../platform/src/config';

const topicName = z
  .string()
  .regex(/^[a-zA-Z0-9._-]{1,249}$/, 'must be a Kafka topic name (a-z, A-Z, 0-9, ".", "_", "-")');

/**
 * What the connector runtime reads, the same for every connector app (each app also spreads
 * `serviceVariables(name, port)` for Kafka, Postgres, HTTP, logs and telemetry).
 */
export function connectorRuntimeVariables() {
  return defineConfig({
    responsesTopic: envVar.withDefault({
      env: 'CONNECTOR_RESPONSES_TOPIC',
      default: 'collect.responses.v1',
      schema: topicName,
      description: 'topic of ResponseSubmitted events the connector delivers',
    }),
    integrationsTopic: envVar.withDefault({
      env: 'CONNECTOR_INTEGRATIONS_TOPIC',
      default: 'collect.integrations.v1',
      schema: topicName,
      description:
        'topic of integration events; one seen makes the connector reload its integrations at once',
    }),
    integrationsMigrationsDir: envVar.withDefault({
      env: 'INTEGRATIONS_MIGRATIONS_DIR',
      default: 'libs/integrations/migrations',
      schema: nonEmptyString,
      description:
        'folder of the integrations contract migrations applied at start, relative to the working directory',
    }),
    deadLetterReplicationFactor: envVar.withDefault({
      env: 'CONNECTOR_DLQ_REPLICATION_FACTOR',
      default: '1',
      schema: integer({ min: 1, max: 32 }),
      description:
        'replication factor of collect.dlq.<type> when the connector creates it (3 in production)',
    }),
    deadLetterPartitions: envVar.withDefault({
      env: 'CONNECTOR_DLQ_PARTITIONS',
      default: '12',
      schema: integer({ min: 1, max: 10_000 }),
      description: 'partitions of collect.dlq.<type> when the connector creates it',
    }),
    retryInitialMs: envVar.withDefault({
      env: 'CONNECTOR_RETRY_INITIAL_MS',
      default: '500',
      schema: integer({ min: 1, max: 60_000 }),
      description:
        'first delay before retrying an integration whose target failed for a passing reason; doubles up to the cap, with jitter',
    }),
    retryMaxMs: envVar.withDefault({
      env: 'CONNECTOR_RETRY_MAX_MS',
      default: '60000',
      schema: integer({ min: 1, max: 60 * 60_000 }),
      description:
        'longest delay between two retries of the same integration (retried until it succeeds)',
    }),
    partitionsConsumedConcurrently: envVar.withDefault({
      env: 'CONNECTOR_PARTITION_CONCURRENCY',
      default: '4',
      schema: integer({ min: 1, max: 64 }),
      description: 'partition batches delivered in parallel by the live consumer',
    }),
    targetConcurrency: envVar.withDefault({
      env: 'CONNECTOR_TARGET_CONCURRENCY',
      default: '8',
      schema: integer({ min: 1, max: 256 }),
      description: 'integrations one partition batch delivers to in parallel',
    }),
    maxBatchBytes: envVar.withDefault({
      env: 'CONNECTOR_MAX_BATCH_BYTES',
      default: String(1024 * 1024),
      schema: integer({ min: 1024, max: 256 * 1024 * 1024 }),
      description: 'most bytes fetched per partition per request (bounds one delivery round)',
    }),
    maxWaitMs: envVar.withDefault({
      env: 'CONNECTOR_MAX_WAIT_MS',
      default: '100',
      schema: integer({ min: 0, max: 30_000 }),
      description: 'longest the broker holds a fetch waiting for more responses',
    }),
    refreshMs: envVar.withDefault({
      env: 'CONNECTOR_REFRESH_MS',
      default: '2000',
      schema: integer({ min: 100, max: 600_000 }),
      description: 'how often the integrations, catch-up plan and status are refreshed',
    }),
    groupId: envVar.optional({
      env: 'CONNECTOR_GROUP_ID',
      schema: nonEmptyString,
      description: 'Kafka consumer group of the live consumer; unset: collect.connector.<type>',
    }),
    sessionTimeoutMs: envVar.withDefault({
      env: 'CONNECTOR_SESSION_TIMEOUT_MS',
      default: '30000',
      schema: integer({ min: 1000, max: 300_000 }),
      description:
        'how long the group waits for a silent member before giving its partitions to others (at least the broker minimum)',
    }),
    heartbeatIntervalMs: envVar.withDefault({
      env: 'CONNECTOR_HEARTBEAT_INTERVAL_MS',
      default: '3000',
      schema: integer({ min: 100, max: 60_000 }),
      description:
        'how often a member tells the group it is alive (well below the session timeout)',
    }),
    databasePoolSize: envVar.withDefault({
      env: 'CONNECTOR_DATABASE_POOL_SIZE',
      default: '12',
      schema: integer({ min: 4, max: 100 }),
      description:
        'Postgres connections per connector process (each partition in flight holds two)',
    }),
  });
}

export type ConnectorRuntimeVariables = ConfigOf<ReturnType<typeof connectorRuntimeVariables>>;
