// Relative import: this file is loaded before telemetry starts (see instrumentation.ts), and the
// @collect/platform barrel would load Nest too early.
import { z } from 'zod';
import {
  defineConfig,
  envVar,
  integer,
  loadConfig,
  nonEmptyString,
  Secret,
  serviceVariables,
  type ConfigOf,
  type Environment,
  type Variable,
} from '../../../libs/platform/src/config';

const ADMIN_KEY_MIN_LENGTH = 32;

/** The bootstrap admin key: a Secret like any other, but long enough not to be guessed. */
const adminKey: Variable<Secret> = {
  env: 'API_ADMIN_KEY',
  description: `bootstrap admin key (at least ${ADMIN_KEY_MIN_LENGTH} characters) that creates organisations and their API keys; or API_ADMIN_KEY_FILE naming a file that holds it`,
  schema: z
    .string()
    .min(ADMIN_KEY_MIN_LENGTH, `must be at least ${ADMIN_KEY_MIN_LENGTH} characters`)
    .transform((value) => new Secret(value)),
  required: true,
  secret: true,
};

/** Every environment variable collect-api reads. Nothing else in the app reads process.env. */
export const apiConfigSpec = defineConfig({
  ...serviceVariables('collect-api', 3000),
  adminKey,
  bodyLimitBytes: envVar.withDefault({
    env: 'API_BODY_LIMIT_BYTES',
    default: String(1024 * 1024),
    schema: integer({ min: 1024, max: 64 * 1024 * 1024 }),
    description: 'largest accepted request body in bytes (413 above it)',
  }),
  jsonMaxDepth: envVar.withDefault({
    env: 'API_JSON_MAX_DEPTH',
    default: '32',
    schema: integer({ min: 2, max: 256 }),
    description: 'deepest accepted nesting of objects and arrays in a JSON body (400 above it)',
  }),
  rateLimitPerSecond: envVar.withDefault({
    env: 'API_RATE_LIMIT_PER_SECOND',
    default: '50',
    schema: integer({ min: 1, max: 1_000_000 }),
    description:
      'requests per second each API key may make, per API replica (token bucket refill rate; 429 beyond it)',
  }),
  rateLimitBurst: envVar.withDefault({
    env: 'API_RATE_LIMIT_BURST',
    default: '100',
    schema: integer({ min: 1, max: 1_000_000 }),
    description: 'requests an idle API key may make at once, per API replica (token bucket size)',
  }),
  apiKeyCacheTtlMs: envVar.withDefault({
    env: 'API_KEY_CACHE_TTL_MS',
    default: '30000',
    schema: integer({ min: 0, max: 10 * 60 * 1000 }),
    description:
      'how long a replica trusts a verified API key without asking Postgres; a revoked key stops working on every replica within this time',
  }),
  migrationsDir: envVar.withDefault({
    env: 'API_MIGRATIONS_DIR',
    default: 'apps/api/migrations',
    schema: nonEmptyString,
    description: 'folder of the SQL migrations applied at start, relative to the working directory',
  }),
  integrationsMigrationsDir: envVar.withDefault({
    env: 'INTEGRATIONS_MIGRATIONS_DIR',
    default: 'libs/integrations/migrations',
    schema: nonEmptyString,
    description:
      'folder of the integrations contract migrations (shared with the connectors) applied at start, relative to the working directory',
  }),
  formsTopic: envVar.withDefault({
    env: 'API_FORMS_TOPIC',
    default: 'collect.forms.v1',
    schema: nonEmptyString,
    description:
      'topic of the form events the API appends and reads its forms view from (the projector and connectors must read the same)',
  }),
  responsesTopic: envVar.withDefault({
    env: 'API_RESPONSES_TOPIC',
    default: 'collect.responses.v1',
    schema: nonEmptyString,
    description:
      'topic the API appends ResponseSubmitted events to (the projector and connectors must read the same)',
  }),
  integrationsTopic: envVar.withDefault({
    env: 'API_INTEGRATIONS_TOPIC',
    default: 'collect.integrations.v1',
    schema: nonEmptyString,
    description:
      'topic of the integration events the API appends (the connectors read it as CONNECTOR_INTEGRATIONS_TOPIC)',
  }),
  topicPartitions: envVar.withDefault({
    env: 'API_TOPIC_PARTITIONS',
    default: '12',
    schema: integer({ min: 1, max: 10_000 }),
    description:
      'partitions of the event topics the API creates when missing; an existing topic with another count stops the start',
  }),
  kafkaReplicationFactor: envVar.withDefault({
    env: 'KAFKA_REPLICATION_FACTOR',
    default: '1',
    schema: integer({ min: 1, max: 32 }),
    description:
      'replication factor of the event topics the API creates when missing (3 in production)',
  }),
  eventsPublishTimeoutMs: envVar.withDefault({
    env: 'EVENTS_PUBLISH_TIMEOUT_MS',
    default: '3000',
    schema: integer({ min: 100, max: 60_000 }),
    description:
      'milliseconds Kafka may take to acknowledge an event before the API answers 503 (and reconnects on the next publish)',
  }),
  eventsStartupTimeoutMs: envVar.withDefault({
    env: 'EVENTS_STARTUP_TIMEOUT_MS',
    default: '60000',
    schema: integer({ min: 1_000, max: 10 * 60 * 1000 }),
    description:
      'milliseconds the start may wait for Kafka and the schema registry (topics, schemas) before failing',
  }),
});

export type ApiConfig = ConfigOf<typeof apiConfigSpec>;

export function loadApiConfig(env: Environment = process.env): ApiConfig {
  return loadConfig(apiConfigSpec, env);
}
