import { defaultIntegrationsMigrationsDir, integrationsTopic } from '@collect/integrations';

export interface IntegrationsModuleOptions {
  /** Folder of the integrations contract's migrations (INTEGRATIONS_MIGRATIONS_DIR). */
  readonly migrationsDir?: string;
  /** Defaults to `collect.integrations.v1`; tests pass a random name. */
  readonly topic?: string;
  /** Partitions of the integrations topic when the API creates it (API_TOPIC_PARTITIONS). */
  readonly partitions?: number;
  /** KAFKA_REPLICATION_FACTOR of the integrations topic when the API creates it. */
  readonly replicationFactor?: number;
  /** Kafka must acknowledge an event, or answer an offsets request, within this; else 503. */
  readonly kafkaTimeoutMs?: number;
  /** Retry-After (seconds) suggested when Kafka or Postgres is unavailable. */
  readonly retryAfterSeconds?: number;
}

export type ResolvedIntegrationsOptions = Required<IntegrationsModuleOptions>;

export const INTEGRATIONS_OPTIONS = Symbol('INTEGRATIONS_OPTIONS');

export function resolveIntegrationsOptions(
  options: IntegrationsModuleOptions = {},
): ResolvedIntegrationsOptions {
  return {
    migrationsDir: options.migrationsDir ?? defaultIntegrationsMigrationsDir,
    topic: options.topic ?? integrationsTopic,
    partitions: options.partitions ?? 12,
    replicationFactor: options.replicationFactor ?? 1,
    kafkaTimeoutMs: options.kafkaTimeoutMs ?? 3_000,
    retryAfterSeconds: options.retryAfterSeconds ?? 5,
  };
}
