import type { FormDefinition, QuestionConstraints, QuestionType } from '@collect/events';
import type { PoolClient } from 'pg';
import type { FormProjection, FormStatus, QuestionRow } from './form-rows';
import type { FormsPlan } from './plan-forms';

interface FormRecord {
  form_id: string;
  org_id: string;
  title: string;
  description: string | null;
  status: FormStatus;
  version: number;
  published_version: number | null;
  draft: FormDefinition;
  published_definition: FormDefinition | null;
  created_ms: number;
  updated_ms: number;
}

interface QuestionRecord {
  form_id: string;
  question_id: string;
  position: number | null;
  type: QuestionType;
  title: string;
  required: boolean;
  constraints: QuestionConstraints;
  added_version: number;
  removed_version: number | null;
}

/** The forms of `formIds` as the read model holds them, with their question rows. */
export async function loadForms(
  client: PoolClient,
  schema: string,
  formIds: readonly string[],
): Promise<Map<string, FormProjection>> {
  if (formIds.length === 0) return new Map();
  const forms = await client.query<FormRecord>(
    `SELECT form_id, org_id, title, description, status, version, published_version, draft,
       published_definition,
       (extract(epoch FROM created_at) * 1000)::float8 AS created_ms,
       (extract(epoch FROM updated_at) * 1000)::float8 AS updated_ms
     FROM ${schema}.forms WHERE form_id = ANY($1::uuid[])`,
    [formIds],
  );
  const questions = await client.query<QuestionRecord>(
    `SELECT form_id, question_id, position, type, title, required, constraints, added_version,
       removed_version
     FROM ${schema}.questions WHERE form_id = ANY($1::uuid[])`,
    [formIds],
  );
  const questionsByForm = new Map<string, Map<string, QuestionRow>>();
  for (const q of questions.rows) {
    const rows = questionsByForm.get(q.form_id) ?? new Map<string, QuestionRow>();
    rows.set(q.question_id, {
      formId: q.form_id,
      questionId: q.question_id,
      position: q.position,
      type: q.type,
      title: q.title,
      required: q.required,
      constraints: q.constraints,
      addedVersion: q.added_version,
      removedVersion: q.removed_version,
    });
    questionsByForm.set(q.form_id, rows);
  }
  return new Map(
    forms.rows.map((f) => [
      f.form_id,
      {
        form: {
          formId: f.form_id,
          orgId: f.org_id,
          title: f.title,
          description: f.description,
          status: f.status,
          version: f.version,
          publishedVersion: f.published_version,
          draft: f.draft,
          publishedDefinition: f.published_definition,
          createdAtMs: f.created_ms,
          updatedAtMs: f.updated_ms,
        },
        questions: questionsByForm.get(f.form_id) ?? new Map(),
      },
    ]),
  );
}

/** Set-based upserts of the plan's forms, question rows and version history. */
export async function writeForms(
  client: PoolClient,
  schema: string,
  plan: FormsPlan,
): Promise<void> {
  const { forms, questions, versions } = plan;
  if (forms.length === 0) return;
  await client.query(
    `INSERT INTO ${schema}.forms (form_id, org_id, title, description, status, version,
       published_version, draft, published_definition, created_at, updated_at)
     SELECT f.form_id, f.org_id, f.title, f.description, f.status, f.version, f.published_version,
       f.draft, f.published_definition, to_timestamp(f.created_ms / 1000.0),
       to_timestamp(f.updated_ms / 1000.0)
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[],
       $8::jsonb[], $9::jsonb[], $10::float8[], $11::float8[])
       AS f(form_id, org_id, title, description, status, version, published_version, draft,
         published_definition, created_ms, updated_ms)
     ON CONFLICT (form_id) DO UPDATE SET
       title = EXCLUDED.title, description = EXCLUDED.description, status = EXCLUDED.status,
       version = EXCLUDED.version, published_version = EXCLUDED.published_version,
       draft = EXCLUDED.draft, published_definition = EXCLUDED.published_definition,
       updated_at = EXCLUDED.updated_at`,
    [
      forms.map((f) => f.formId),
      forms.map((f) => f.orgId),
      forms.map((f) => f.title),
      forms.map((f) => f.description),
      forms.map((f) => f.status),
      forms.map((f) => f.version),
      forms.map((f) => f.publishedVersion),
      forms.map((f) => JSON.stringify(f.draft)),
      forms.map((f) => (f.publishedDefinition ? JSON.stringify(f.publishedDefinition) : null)),
      forms.map((f) => f.createdAtMs),
      forms.map((f) => f.updatedAtMs),
    ],
  );
  await client.query(
    `INSERT INTO ${schema}.form_versions (form_id, version, event_type, event_id, occurred_at, change)
     SELECT v.form_id, v.version, v.event_type, v.event_id, to_timestamp(v.occurred_ms / 1000.0),
       v.change
     FROM unnest($1::uuid[], $2::int[], $3::text[], $4::uuid[], $5::float8[], $6::jsonb[])
       AS v(form_id, version, event_type, event_id, occurred_ms, change)
     ON CONFLICT (form_id, version) DO NOTHING`,
    [
      versions.map((v) => v.formId),
      versions.map((v) => v.version),
      versions.map((v) => v.eventType),
      versions.map((v) => v.eventId),
      versions.map((v) => v.occurredAtMs),
      versions.map((v) => JSON.stringify(v.change)),
    ],
  );
  if (questions.length === 0) return;
  await client.query(
    `INSERT INTO ${schema}.questions (form_id, question_id, position, type, title, required,
       constraints, added_version, removed_version)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::bool[],
       $7::jsonb[], $8::int[], $9::int[])
     ON CONFLICT (form_id, question_id) DO UPDATE SET
       position = EXCLUDED.position, type = EXCLUDED.type, title = EXCLUDED.title,
       required = EXCLUDED.required, constraints = EXCLUDED.constraints,
       added_version = EXCLUDED.added_version, removed_version = EXCLUDED.removed_version`,
    [
      questions.map((q) => q.formId),
      questions.map((q) => q.questionId),
      questions.map((q) => q.position),
      questions.map((q) => q.type),
      questions.map((q) => q.title),
      questions.map((q) => q.required),
      questions.map((q) => JSON.stringify(q.constraints)),
      questions.map((q) => q.addedVersion),
      questions.map((q) => q.removedVersion),
    ],
  );
}
