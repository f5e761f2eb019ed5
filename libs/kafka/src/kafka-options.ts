import type { LogLevel } from '@collect/platform';

export interface KafkaOptions {
  /** `host:port` of one or more bootstrap brokers. */
  readonly brokers: readonly string[];
  /** Sent to the broker with every request; shows up in broker logs and quotas. */
  readonly clientId: string;
  /** Confluent-compatible REST base URL, without a trailing slash. */
  readonly schemaRegistryUrl: string;
  /** The app's LOG_LEVEL; kafkajs logs below it are never built. */
  readonly logLevel?: LogLevel;
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}
