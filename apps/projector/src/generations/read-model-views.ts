import type { Pool, PoolClient } from 'pg';
import { assertGenerationSchema, PROJECTION_MIGRATIONS_TABLE } from './generation';
import { lockLiveGeneration } from './generations-store';

/** Serialises view changes between replicas starting together and a switch-over. */
const VIEWS_LOCK = 'collect.projection.views';

/**
 * Points every `read_model.<table>` view at the live generation, in one transaction.
 */
export async function refreshReadModelViews(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const live = await lockLiveGeneration(client);
    await pointViewsAt(client, live.schemaName);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Inside the caller's transaction: `CREATE OR REPLACE VIEW read_model.<t> AS SELECT * FROM
 * <schema>.<t>` for every table of the generation schema. A switch-over calls this in the
 * transaction that marks the new generation live.
 */
export async function pointViewsAt(client: PoolClient, schemaName: string): Promise<void> {
  const schema = assertGenerationSchema(schemaName);
  // Replicas refreshing together wait here (concurrent CREATE OR REPLACE VIEW would collide).
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [VIEWS_LOCK]);
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> $2
      ORDER BY table_name`,
    [schema, PROJECTION_MIGRATIONS_TABLE],
  );
  for (const { table_name: table } of rows) {
    const name = quoteIdentifier(table);
    await client.query(
      `CREATE OR REPLACE VIEW read_model.${name} AS SELECT * FROM ${schema}.${name}`,
    );
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
