export type ConnectorRuntimeErrorCode =
  /** Postgres unreachable, restarting, overloaded or timing out: retried. */
  | 'database_unavailable'
  /** Postgres refused a statement: a bug. */
  | 'database_rejected'
  /** The schema registry could not be asked for a writer schema: retried. */
  | 'registry_unavailable'
  /** The dead-letter topic did not acknowledge: retried, the offsets wait. */
  | 'dead_letter_unavailable'
  /** Kafka refused a request of the runtime's own (admin, catch-up reader): retried. */
  | 'kafka_unavailable'
  /** The connector threw a non-retriable error from deliver/reconcile/start: a bug in it. */
  | 'connector_failed'
  /** The connector broke its contract (an invalid type name, a config schema that is not an object …). */
  | 'connector_invalid';

/**
 * The runtime's error family: a machine-readable code, whether retrying the same work can
 * succeed, and the foreign cause. Foreign errors are converted once, where they enter.
 */
export class ConnectorRuntimeError extends Error {
  constructor(
    readonly code: ConnectorRuntimeErrorCode,
    readonly retriable: boolean,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ConnectorRuntimeError';
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
