import { inTransaction } from '@collect/database';
import type { Pool } from 'pg';
import { assertGenerationSchema, generationSchema, type Generation } from './generation';
import { pointViewsAt } from './read-model-views';

/**
 * Adds the next generation as `building` (its schema empty until migrated): one past the
 * highest recorded, so always above the live one (a dropped one's number may come back).
 */
export async function addBuildingGeneration(pool: Pool): Promise<Generation> {
  const { rows } = await pool.query<{ generation: number }>(
    `INSERT INTO projection.generations (generation, schema_name, state)
     SELECT n, 'projection_g' || n, 'building'
       FROM (SELECT coalesce(max(generation), 0) + 1 AS n FROM projection.generations) next
     RETURNING generation`,
  );
  const generation = rows[0]!.generation;
  const schemaName = generationSchema(generation);
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schemaName}`);
  return { generation, schemaName, state: 'building' };
}

/** Generations left `building` by a rebuild that never finished. */
export async function unfinishedGenerations(pool: Pool): Promise<number[]> {
  const { rows } = await pool.query<{ generation: number }>(
    `SELECT generation FROM projection.generations WHERE state = 'building' ORDER BY generation`,
  );
  return rows.map((row) => row.generation);
}

/**
 * The switch-over, in one transaction: waits for the live generation's in-flight batches (they
 * share-lock its row), retires it, makes `generation` live and points every read_model view at
 * it. Batches after the commit resolve the new generation; their compare-and-set fails against
 * its checkpoints and the consumer re-seeks from them. Resolves with the retired generation.
 */
export async function switchOver(pool: Pool, generation: number): Promise<number> {
  return inTransaction(pool, async (client) => {
    const { rows: live } = await client.query<{ generation: number }>(
      `SELECT generation FROM projection.generations WHERE state = 'live' FOR UPDATE`,
    );
    const { rows: next } = await client.query<{ schema_name: string; state: string }>(
      `SELECT schema_name, state FROM projection.generations WHERE generation = $1 FOR UPDATE`,
      [generation],
    );
    if (next[0]?.state !== 'building') {
      throw new Error(`generation ${generation} is not building (${next[0]?.state ?? 'missing'})`);
    }
    const retired = live[0]!.generation;
    await client.query(
      `UPDATE projection.generations SET state = 'retired' WHERE generation = $1`,
      [retired],
    );
    await client.query(
      `UPDATE projection.generations SET state = 'live', switched_at = now() WHERE generation = $1`,
      [generation],
    );
    await pointViewsAt(client, assertGenerationSchema(next[0].schema_name));
    return retired;
  });
}

/**
 * Drops a building or retired generation: its schema and its row. Never the live one (the row
 * is locked and checked first, and the views never point anywhere but the live generation).
 */
export async function dropGeneration(pool: Pool, generation: number): Promise<void> {
  await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ schema_name: string; state: string }>(
      `SELECT schema_name, state FROM projection.generations WHERE generation = $1 FOR UPDATE`,
      [generation],
    );
    const row = rows[0];
    if (!row) return;
    if (row.state === 'live') throw new Error(`generation ${generation} is live: not dropping it`);
    await client.query(`DROP SCHEMA IF EXISTS ${assertGenerationSchema(row.schema_name)} CASCADE`);
    await client.query('DELETE FROM projection.generations WHERE generation = $1', [generation]);
  });
}

/**
 * Retired generations whose successor went live more than `keepMs` ago (a generation is retired
 * when the next live one switched in).
 */
export async function expiredGenerations(pool: Pool, keepMs: number): Promise<number[]> {
  const { rows } = await pool.query<{ generation: number }>(
    `SELECT g.generation FROM projection.generations g
      WHERE g.state = 'retired'
        AND (SELECT min(n.switched_at) FROM projection.generations n
              WHERE n.generation > g.generation AND n.switched_at IS NOT NULL)
            <= now() - make_interval(secs => $1)
      ORDER BY g.generation`,
    [keepMs / 1000],
  );
  return rows.map((row) => row.generation);
}
