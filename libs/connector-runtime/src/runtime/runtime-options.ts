import type { BackoffPolicy } from '@collect/kafka';

/** How one connector runtime runs; `runConnector` derives it from the app's configuration. */
export interface RuntimeOptions {
  readonly responsesTopic: string;
  readonly integrationsTopic: string;
  /** `collect.connector.<type>` unless a test says otherwise. */
  readonly groupId: string;
  /** `collect.dlq.<type>`. */
  readonly deadLetterTopic: string;
  readonly deadLetterReplicationFactor: number;
  readonly deadLetterPartitions: number;
  /** Between retries of one integration, and of a batch while Postgres or Kafka are down. */
  readonly backoff: BackoffPolicy;
  readonly partitionsConsumedConcurrently: number;
  readonly targetConcurrency: number;
  readonly maxBatchBytes: number;
  readonly maxWaitMs: number;
  /** Integrations cache, catch-up plan and status refresh period. */
  readonly refreshMs: number;
}
