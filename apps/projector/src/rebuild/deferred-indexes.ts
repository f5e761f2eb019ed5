import type { Pool } from 'pg';
import { assertGenerationSchema } from '../generations/generation';

/** An index or constraint a rebuild creates after the bulk load, and how to create it again. */
export interface DeferredIndex {
  readonly name: string;
  /** The statement that creates it (CREATE INDEX … or ALTER TABLE … ADD CONSTRAINT …). */
  readonly create: string;
}

/**
 * The indexes a bulk load does not need, dropped from a fresh generation so each batch only
 * appends to the heap: every plain index, every UNIQUE constraint (responses' form_seq) and the
 * primary key of answers (the plan never inserts an answer twice: only answers of responses
 * newly inserted, each question once). The primary keys the load reads or upserts on stay:
 * responses (duplicate responseIds), forms, questions, form_versions, form_counters, offsets.
 */
export async function dropDeferredIndexes(
  pool: Pool,
  schemaName: string,
): Promise<DeferredIndex[]> {
  const schema = assertGenerationSchema(schemaName);
  const { rows } = await pool.query<{ name: string; create: string; drop: string }>(
    `SELECT i.indexname AS name, i.indexdef AS "create",
            format('DROP INDEX %I.%I', i.schemaname, i.indexname) AS drop
       FROM pg_indexes i
      WHERE i.schemaname = $1
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                         WHERE c.connamespace = $1::regnamespace AND c.conname = i.indexname)
     UNION ALL
     SELECT c.conname,
            format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
                   pg_get_constraintdef(c.oid)),
            format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname)
       FROM pg_constraint c
      WHERE c.connamespace = $1::regnamespace
        AND (c.contype = 'u' OR (c.contype = 'p' AND c.conrelid = format('%I.answers', $1::text)::regclass))
      ORDER BY 1`,
    [schema],
  );
  for (const row of rows) await pool.query(row.drop);
  return rows.map(({ name, create }) => ({ name, create }));
}

/** Creates the deferred indexes again (each a full sort of its table), then refreshes statistics. */
export async function createDeferredIndexes(
  pool: Pool,
  schemaName: string,
  indexes: readonly DeferredIndex[],
): Promise<void> {
  const schema = assertGenerationSchema(schemaName);
  const client = await pool.connect();
  try {
    // Sorts in memory rather than in temporary files: far faster for millions of answers.
    await client.query(`SET maintenance_work_mem TO '256MB'`);
    for (const index of indexes) await client.query(index.create);
    await client.query(`ANALYZE ${schema}.responses, ${schema}.answers, ${schema}.form_counters`);
    await client.query('RESET maintenance_work_mem');
  } finally {
    client.release();
  }
}
