import type { Pool, PoolClient } from 'pg';
import { readMigrationFiles, type MigrationFile } from './migration-files';

export interface MigrationOptions {
  /** Folder of `NNNN_name.sql` files, applied in version order. */
  readonly directory: string;
  /** Table recording what was applied, one per app, e.g. `api_schema_migrations`. */
  readonly table: string;
  /**
   * Apply into this schema instead of the connection's default: it is created when missing, the
   * migrations run with `search_path` set to it (so their unqualified names land there), and
   * `table` lives in it. One folder can so build several identical schemas (e.g. projection
   * generations), each with its own record.
   */
  readonly schema?: string;
}

export interface MigrationLog {
  log(message: { msg: string; [field: string]: unknown }): void;
}

const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Applies the pending migrations of `options.directory`, each in its own transaction together
 * with its row in `options.table`. Replicas starting together serialise on a session advisory
 * lock (keyed by the table name) and wait for each other; the later ones find nothing to do.
 * A migration already applied whose file has since changed stops the run: migrations are
 * append-only, a fix is a new file. Returns the versions it applied.
 */
export async function runMigrations(
  pool: Pool,
  options: MigrationOptions,
  logger?: MigrationLog,
): Promise<number[]> {
  if (!TABLE_NAME.test(options.table)) {
    throw new Error(`migrations table ${JSON.stringify(options.table)} is not a plain identifier`);
  }
  if (options.schema !== undefined && !TABLE_NAME.test(options.schema)) {
    throw new Error(
      `migrations schema ${JSON.stringify(options.schema)} is not a plain identifier`,
    );
  }
  const files = readMigrationFiles(options.directory);
  const table = options.schema === undefined ? options.table : `${options.schema}.${options.table}`;
  const client = await pool.connect();
  try {
    // Waiting for another replica's migrations must not hit the pool's statement timeout.
    await client.query('SET statement_timeout = 0');
    await client.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', [
      'collect.migrations',
      table,
    ]);
    try {
      if (options.schema !== undefined) {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
        await client.query(`SET search_path TO ${options.schema}`);
      }
      return await applyPending(client, files, table, logger);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [
        'collect.migrations',
        table,
      ]);
    }
  } finally {
    // Destroyed rather than returned: the session settings above must not leak into the pool.
    client.release(true);
  }
}

async function applyPending(
  client: PoolClient,
  files: readonly MigrationFile[],
  table: string,
  logger: MigrationLog | undefined,
): Promise<number[]> {
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${table} (
       version integer PRIMARY KEY,
       name text NOT NULL,
       checksum text NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
  const { rows } = await client.query<{ version: number; checksum: string }>(
    `SELECT version, checksum FROM ${table}`,
  );
  const applied = new Map(rows.map((row) => [row.version, row.checksum]));
  const done: number[] = [];
  for (const file of files) {
    const checksum = applied.get(file.version);
    if (checksum !== undefined) {
      if (checksum !== file.checksum) {
        throw new Error(
          `migration ${file.version}_${file.name} was changed after it was applied; add a new migration instead`,
        );
      }
      continue;
    }
    await applyOne(client, file, table);
    logger?.log({ msg: 'applied migration', table, version: file.version, name: file.name });
    done.push(file.version);
  }
  return done;
}

async function applyOne(client: PoolClient, file: MigrationFile, table: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(file.sql);
    await client.query(`INSERT INTO ${table} (version, name, checksum) VALUES ($1, $2, $3)`, [
      file.version,
      file.name,
      file.checksum,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new Error(`migration ${file.version}_${file.name} failed: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
