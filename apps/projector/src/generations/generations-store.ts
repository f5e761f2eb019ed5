import type { Pool, PoolClient } from 'pg';
import { ProjectorError } from '../errors/projector-error';
import { assertGenerationSchema, type Generation, type GenerationState } from './generation';

interface GenerationRow {
  generation: number;
  schema_name: string;
  state: GenerationState;
}

function toGeneration(row: GenerationRow): Generation {
  return {
    generation: row.generation,
    schemaName: assertGenerationSchema(row.schema_name),
    state: row.state,
  };
}

/** The generations that still receive events (building or live), oldest first. */
export async function activeGenerations(db: Pool | PoolClient): Promise<Generation[]> {
  const { rows } = await db.query<GenerationRow>(
    `SELECT generation, schema_name, state FROM projection.generations
      WHERE state IN ('building', 'live') ORDER BY generation`,
  );
  return rows.map(toGeneration);
}

/** The live generation as of now (no lock): where a consumer starts reading checkpoints. */
export async function liveGeneration(db: Pool | PoolClient): Promise<Generation> {
  const { rows } = await db.query<GenerationRow>(
    `SELECT generation, schema_name, state FROM projection.generations WHERE state = 'live'`,
  );
  if (rows.length !== 1) throw new Error('projection.generations has no live generation');
  return toGeneration(rows[0]!);
}

/**
 * The live generation, share-locked until the caller's transaction ends: a switch-over (which
 * updates this row) waits for in-flight batches, and batches after it see the new generation.
 */
export async function lockLiveGeneration(client: PoolClient): Promise<Generation> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const { rows } = await client.query<GenerationRow>(
      `SELECT generation, schema_name, state FROM projection.generations
        WHERE state = 'live' FOR SHARE`,
    );
    if (rows.length === 1) return toGeneration(rows[0]!);
    // None: a switch-over committed while this statement waited for the old live row, which is
    // retired now, and the statement's snapshot predates the new live row. A new statement
    // (a new snapshot under READ COMMITTED) sees it.
  }
  throw new ProjectorError(
    'no_live_generation',
    false,
    'projection.generations has no live generation: run the projector migrations',
  );
}
