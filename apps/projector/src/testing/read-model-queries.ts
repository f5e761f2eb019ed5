import type { Pool } from 'pg';

/** A digest of every read-model row of the given forms: equal digests, equal rows. */
export async function readModelDigest(pool: Pool, formIds: readonly string[]): Promise<string> {
  const { rows } = await pool.query<{ digest: string }>(
    `SELECT md5(
       coalesce((SELECT string_agg(r::text, '|' ORDER BY r.response_id) FROM read_model.responses r WHERE r.form_id = ANY($1::uuid[])), '') ||
       coalesce((SELECT string_agg(a::text, '|' ORDER BY a.response_id, a.question_id) FROM read_model.answers a WHERE a.form_id = ANY($1::uuid[])), '') ||
       coalesce((SELECT string_agg(c::text, '|' ORDER BY c.form_id) FROM read_model.form_counters c WHERE c.form_id = ANY($1::uuid[])), '') ||
       coalesce((SELECT string_agg(f::text, '|' ORDER BY f.form_id) FROM read_model.forms f WHERE f.form_id = ANY($1::uuid[])), '') ||
       coalesce((SELECT string_agg(v::text, '|' ORDER BY v.form_id, v.version) FROM read_model.form_versions v WHERE v.form_id = ANY($1::uuid[])), '') ||
       coalesce((SELECT string_agg(q::text, '|' ORDER BY q.form_id, q.question_id) FROM read_model.questions q WHERE q.form_id = ANY($1::uuid[])), '')
     ) AS digest`,
    [formIds],
  );
  return rows[0]!.digest;
}

/** Response ids of a form in form_seq order, and whether form_seq runs 1, 2, 3 … without gaps. */
export async function formSequence(
  pool: Pool,
  formId: string,
): Promise<{ responseIds: string[]; dense: boolean }> {
  const { rows } = await pool.query<{ response_id: string; form_seq: string }>(
    'SELECT response_id, form_seq FROM read_model.responses WHERE form_id = $1 ORDER BY form_seq',
    [formId],
  );
  return {
    responseIds: rows.map((row) => row.response_id),
    dense: rows.every((row, index) => Number(row.form_seq) === index + 1),
  };
}

export async function countWhere(
  pool: Pool,
  table: string,
  formIds: readonly string[],
): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM read_model.${table} WHERE form_id = ANY($1::uuid[])`,
    [formIds],
  );
  return Number(rows[0]!.n);
}

/** The read-model tables whose rows belong to a form (everything but the checkpoints). */
export const FORM_TABLES = [
  'forms',
  'form_versions',
  'questions',
  'responses',
  'answers',
  'form_counters',
] as const;

/**
 * Row-by-row checksums per table of one generation schema, over the given forms: md5 of every
 * row in primary-key order. Two generations with equal checksums hold identical rows.
 */
export async function tableChecksums(
  pool: Pool,
  schema: string,
  formIds: readonly string[],
): Promise<Record<(typeof FORM_TABLES)[number], string>> {
  const order: Record<(typeof FORM_TABLES)[number], string> = {
    forms: 'form_id',
    form_versions: 'form_id, version',
    questions: 'form_id, question_id',
    responses: 'response_id',
    answers: 'response_id, question_id',
    form_counters: 'form_id',
  };
  const checksums = {} as Record<(typeof FORM_TABLES)[number], string>;
  for (const table of FORM_TABLES) {
    const { rows } = await pool.query<{ checksum: string; n: string }>(
      `SELECT md5(coalesce(string_agg(md5(t::text), '' ORDER BY ${order[table]}), '')) AS checksum,
              count(*) AS n
         FROM ${schema}.${table} t WHERE form_id = ANY($1::uuid[])`,
      [formIds],
    );
    checksums[table] = `${rows[0]!.n} rows, ${rows[0]!.checksum}`;
  }
  return checksums;
}
