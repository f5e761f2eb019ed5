// Relative import: this file is loaded before telemetry starts (see instrumentation.ts), and the
// @collect/platform barrel would load Nest too early.
import { z } from 'zod';
import {
  defineConfig,
  envVar,
  integer,
  loadConfig,
  nonEmptyString,
  serviceVariables,
  type ConfigOf,
  type Environment,
} from '../../../libs/platform/src/config';

const topicName = z
  .string()
  .regex(/^[a-zA-Z0-9._-]{1,249}$/, 'must be a Kafka topic name (a-z, A-Z, 0-9, ".", "_", "-")');

/** Every environment variable collect-projector reads. Nothing else in the app reads process.env. */
export const projectorConfigSpec = defineConfig({
  ...serviceVariables('collect-projector', 3001),
  migrationsDir: envVar.withDefault({
    env: 'PROJECTOR_MIGRATIONS_DIR',
    default: 'apps/projector/migrations',
    schema: nonEmptyString,
    description:
      'folder of the projector SQL migrations (meta/ and generation/) applied at start, relative to the working directory',
  }),
  groupId: envVar.withDefault({
    env: 'PROJECTOR_GROUP_ID',
    default: 'collect.projector',
    schema: nonEmptyString,
    description: 'Kafka consumer group of the projector',
  }),
  formsTopic: envVar.withDefault({
    env: 'PROJECTOR_FORMS_TOPIC',
    default: 'collect.forms.v1',
    schema: topicName,
    description: 'topic of form events the projector reads',
  }),
  responsesTopic: envVar.withDefault({
    env: 'PROJECTOR_RESPONSES_TOPIC',
    default: 'collect.responses.v1',
    schema: topicName,
    description: 'topic of response events the projector reads',
  }),
  deadLetterTopic: envVar.withDefault({
    env: 'PROJECTOR_DLQ_TOPIC',
    default: 'collect.dlq.projector',
    schema: topicName,
    description:
      'dead-letter topic for events the projector can never apply (created when missing)',
  }),
  deadLetterReplicationFactor: envVar.withDefault({
    env: 'PROJECTOR_DLQ_REPLICATION_FACTOR',
    default: '1',
    schema: integer({ min: 1, max: 32 }),
    description:
      'replication factor of the dead-letter topic the projector creates when missing (3 in production)',
  }),
  deadLetterPartitions: envVar.withDefault({
    env: 'PROJECTOR_DLQ_PARTITIONS',
    default: '12',
    schema: integer({ min: 1, max: 10_000 }),
    description: 'partitions of the dead-letter topic the projector creates when missing',
  }),
  maxBatchBytes: envVar.withDefault({
    env: 'PROJECTOR_MAX_BATCH_BYTES',
    default: String(4 * 1024 * 1024),
    schema: integer({ min: 1024, max: 256 * 1024 * 1024 }),
    description:
      'most bytes fetched per partition per request (kafkajs maxBytesPerPartition): bounds the events one batch transaction applies',
  }),
  maxFetchBytes: envVar.withDefault({
    env: 'PROJECTOR_MAX_FETCH_BYTES',
    default: String(48 * 1024 * 1024),
    schema: integer({ min: 1024, max: 1024 * 1024 * 1024 }),
    description:
      'most bytes one fetch brings over all partitions (kafkajs maxBytes): several PROJECTOR_MAX_BATCH_BYTES, so a catch-up applies partitions in parallel',
  }),
  maxWaitMs: envVar.withDefault({
    env: 'PROJECTOR_MAX_WAIT_MS',
    default: '100',
    schema: integer({ min: 0, max: 30_000 }),
    description:
      'longest the broker holds a fetch waiting for more events (kafkajs maxWaitTimeInMs): lower means fresher reads, higher means bigger batches',
  }),
  partitionsConsumedConcurrently: envVar.withDefault({
    env: 'PROJECTOR_PARTITION_CONCURRENCY',
    default: '4',
    schema: integer({ min: 1, max: 64 }),
    description:
      'partition batches applied in parallel (each one Postgres transaction); keep it at most the pool size',
  }),
  sessionTimeoutMs: envVar.withDefault({
    env: 'PROJECTOR_SESSION_TIMEOUT_MS',
    default: '30000',
    schema: integer({ min: 6_000, max: 300_000 }),
    description:
      'how long the group waits for a silent member (a killed process) before giving its partitions to the others; heartbeats go every third of it, at most every 3 s',
  }),
  retryInitialMs: envVar.withDefault({
    env: 'PROJECTOR_RETRY_INITIAL_MS',
    default: '200',
    schema: integer({ min: 1, max: 60_000 }),
    description:
      'first delay before retrying a batch that failed for a passing reason (Postgres down …); doubles up to the cap, with jitter',
  }),
  retryMaxMs: envVar.withDefault({
    env: 'PROJECTOR_RETRY_MAX_MS',
    default: '10000',
    schema: integer({ min: 1, max: 10 * 60_000 }),
    description:
      'longest delay between two retries of the same batch (it is retried until it succeeds)',
  }),
  databasePoolSize: envVar.withDefault({
    env: 'PROJECTOR_DATABASE_POOL_SIZE',
    default: '8',
    schema: integer({ min: 2, max: 100 }),
    description: 'Postgres connections per projector process',
  }),
});

export type ProjectorConfig = ConfigOf<typeof projectorConfigSpec>;

export function loadProjectorConfig(env: Environment = process.env): ProjectorConfig {
  return loadConfig(projectorConfigSpec, env);
}
