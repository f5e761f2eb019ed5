import type { Secret } from '@collect/platform';

export interface DatabaseOptions {
  /** postgres:// URL without a password. */
  readonly connectionString: string;
  readonly password?: Secret;
  /** Shown in pg_stat_activity, e.g. `collect-api`. */
  readonly applicationName: string;
  /** Pool size per process; replicas multiply it, so keep it small. */
  readonly maxConnections?: number;
  /** Server-side limit for one statement. */
  readonly statementTimeoutMs?: number;
  /** How long to wait for a connection (new socket or a free pooled client). */
  readonly connectionTimeoutMs?: number;
  readonly idleTimeoutMs?: number;
}
