import type { QuestionType } from '@collect/events';
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

/** A pool, or one client inside a transaction (to commit rows with their checkpoint). */
type Db = Pool | PoolClient;

/**
 * Test support: rows written straight into the read model, as the projector would, through the
 * (auto-updatable) `read_model.*` views. Not a spec.
 */

export interface SeedQuestion {
  readonly questionId: string;
  readonly type: QuestionType;
  readonly title: string;
  /** 0-based place in the draft; null once removed. */
  readonly position: number | null;
  readonly removedVersion?: number;
}

export interface SeedForm {
  readonly orgId: string;
  readonly formId?: string;
  readonly title?: string;
  readonly status?: 'draft' | 'published' | 'closed';
  readonly createdAt?: string;
  /** How many versions (one form_versions row each). Defaults to 1. */
  readonly versions?: number;
  readonly questions?: readonly SeedQuestion[];
}

export interface SeedAnswer {
  readonly questionId: string;
  readonly text?: string;
  readonly number?: number;
  readonly boolean?: boolean;
  readonly date?: string;
  readonly choices?: readonly string[];
}

export interface SeedResponse {
  readonly responseId?: string;
  readonly submittedAt: string;
  readonly answers?: readonly SeedAnswer[];
}

export async function seedForm(db: Db, form: SeedForm): Promise<string> {
  const formId = form.formId ?? randomUUID();
  const versions = form.versions ?? 1;
  const questions = form.questions ?? [];
  const draftQuestions = questions
    .filter((q) => q.position !== null)
    .sort((a, b) => a.position! - b.position!)
    .map((q) => ({
      questionId: q.questionId,
      type: q.type,
      title: q.title,
      description: null,
      required: false,
      constraints: {},
    }));
  const draft = {
    title: form.title ?? 'Seeded form',
    description: null,
    questions: draftQuestions,
    rules: [],
  };
  const createdAt = form.createdAt ?? new Date().toISOString();
  await db.query(
    `INSERT INTO read_model.forms (form_id, org_id, title, description, status, version,
       published_version, draft, published_definition, created_at, updated_at)
     VALUES ($1, $2, $3, NULL, $4, $5, $6, $7, $8, $9, $9)`,
    [
      formId,
      form.orgId,
      draft.title,
      form.status ?? 'published',
      versions,
      form.status === 'draft' ? null : versions,
      JSON.stringify(draft),
      form.status === 'draft' ? null : JSON.stringify(draft),
      createdAt,
    ],
  );
  await db.query(
    `INSERT INTO read_model.form_versions (form_id, version, event_type, event_id, occurred_at, change)
     SELECT $1, v, CASE WHEN v = 1 THEN 'FormCreated' ELSE 'FormDetailsChanged' END,
            gen_random_uuid(), $2::timestamptz + v * interval '1 second', jsonb_build_object('n', v)
       FROM generate_series(1, $3::int) AS v`,
    [formId, createdAt, versions],
  );
  await db.query(
    `INSERT INTO read_model.questions (form_id, question_id, position, type, title, required,
       constraints, added_version, removed_version)
     SELECT $1, q.question_id, q.position, q.type, q.title, false, '{}', 1, q.removed_version
       FROM jsonb_to_recordset($2::jsonb)
         AS q(question_id text, position int, type text, title text, removed_version int)`,
    [
      formId,
      JSON.stringify(
        questions.map((q) => ({
          question_id: q.questionId,
          position: q.position,
          type: q.type,
          title: q.title,
          removed_version: q.removedVersion ?? null,
        })),
      ),
    ],
  );
  return formId;
}

/** Appends responses (form_seq continues after the form's last) with answers and counters. */
export async function seedResponses(
  db: Db,
  orgId: string,
  formId: string,
  responses: readonly SeedResponse[],
): Promise<string[]> {
  const withIds = responses.map((r) => ({ ...r, responseId: r.responseId ?? randomUUID() }));
  await db.query(
    `INSERT INTO read_model.responses (response_id, org_id, form_id, form_version, form_seq,
       submitted_at, received_at, source, locale, hidden_fields, idempotency_key, event_id,
       kafka_partition, kafka_offset)
     SELECT r.response_id, $1, $2, 1,
            (SELECT COALESCE(max(form_seq), 0) FROM read_model.responses WHERE form_id = $2) + r.n,
            r.submitted_at, now(), 'test', 'en', '{"campaign":"seed"}', NULL, gen_random_uuid(), 0, r.n
       FROM jsonb_to_recordset($3::jsonb) AS r(response_id uuid, submitted_at timestamptz, n bigint)`,
    [
      orgId,
      formId,
      JSON.stringify(
        withIds.map((r, i) => ({
          response_id: r.responseId,
          submitted_at: r.submittedAt,
          n: i + 1,
        })),
      ),
    ],
  );
  const answers = withIds.flatMap((r) =>
    (r.answers ?? []).map((a) => ({
      response_id: r.responseId,
      form_id: formId,
      question_id: a.questionId,
      value_text: a.text ?? null,
      value_number: a.number ?? null,
      value_boolean: a.boolean ?? null,
      value_date: a.date ?? null,
      value_choices: a.choices ?? null,
    })),
  );
  await db.query(
    `INSERT INTO read_model.answers
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS a(response_id uuid, form_id uuid,
       question_id text, value_text text, value_number double precision, value_boolean boolean,
       value_date date, value_choices text[])`,
    [JSON.stringify(answers)],
  );
  await refreshCounters(db, orgId, formId);
  return withIds.map((r) => r.responseId);
}

/**
 * `count` responses in one statement, submitted 1 ms apart from `from`, each answering every
 * question in `questionIds` with the text `r<i>-<questionId>`.
 */
export async function seedBulkResponses(
  db: Db,
  orgId: string,
  formId: string,
  count: number,
  from: string,
  questionIds: readonly string[],
): Promise<void> {
  await db.query(
    `INSERT INTO read_model.responses (response_id, org_id, form_id, form_version, form_seq,
       submitted_at, received_at, source, locale, hidden_fields, idempotency_key, event_id,
       kafka_partition, kafka_offset)
     SELECT gen_random_uuid(), $1, $2, 1, i, $4::timestamptz + i * interval '1 millisecond', now(),
            'bulk', NULL, '{}', NULL, gen_random_uuid(), 0, i
       FROM generate_series(1, $3::int) AS i`,
    [orgId, formId, count, from],
  );
  await db.query(
    `INSERT INTO read_model.answers (response_id, form_id, question_id, value_text)
     SELECT r.response_id, r.form_id, q, 'r' || r.form_seq || '-' || q
       FROM read_model.responses r CROSS JOIN unnest($2::text[]) AS q
      WHERE r.form_id = $1`,
    [formId, questionIds],
  );
  await refreshCounters(db, orgId, formId);
  // As autovacuum would after a load: the planner needs statistics to pick the indexes.
  await db.query('ANALYZE');
}

async function refreshCounters(db: Db, orgId: string, formId: string): Promise<void> {
  await db.query(
    `INSERT INTO read_model.form_counters (form_id, org_id, response_count, first_submitted_at, last_submitted_at)
     SELECT $2, $1, count(*), min(submitted_at), max(submitted_at)
       FROM read_model.responses WHERE form_id = $2
     ON CONFLICT (form_id) DO UPDATE SET response_count = EXCLUDED.response_count,
       first_submitted_at = EXCLUDED.first_submitted_at, last_submitted_at = EXCLUDED.last_submitted_at`,
    [orgId, formId],
  );
}

/** What the projector's checkpoint says for one topic-partition. */
export async function setProjectedOffset(
  db: Db,
  topic: string,
  partition: number,
  nextOffset: number,
): Promise<void> {
  await db.query(
    `INSERT INTO read_model.offsets (topic, partition, next_offset, updated_at)
     VALUES ($1, $2, $3, now())
     ON CONFLICT (topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()`,
    [topic, partition, nextOffset],
  );
}
