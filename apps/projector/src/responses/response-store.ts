import type { PoolClient } from 'pg';
import { copyIn } from '../copy/copy-in';
import { ProjectorError } from '../errors/projector-error';
import type { CheckedResponse } from './checked-response';
import type { KnownResponses, ResponsesPlan } from './plan-responses';
import {
  ANSWER_COPY_COLUMNS,
  answerCopyRows,
  RESPONSE_COPY_COLUMNS,
  responseCopyRows,
} from './response-copy';

/** What the plan needs from the read model: which responses exist, and the forms' counts. */
export async function loadKnownResponses(
  client: PoolClient,
  schema: string,
  batch: readonly CheckedResponse[],
): Promise<KnownResponses> {
  if (batch.length === 0) return { existingIds: new Set(), counts: new Map() };
  const responseIds = batch.map((response) => response.responseId);
  const formIds = [...new Set(batch.map((response) => response.formId))];
  const existing = await client.query<{ response_id: string }>(
    `SELECT response_id FROM ${schema}.responses WHERE response_id = ANY($1::uuid[])`,
    [uuidArray(responseIds)],
  );
  const counters = await client.query<{ form_id: string; response_count: string }>(
    `SELECT form_id, response_count FROM ${schema}.form_counters WHERE form_id = ANY($1::uuid[])`,
    [uuidArray(formIds)],
  );
  return {
    existingIds: new Set(existing.rows.map((row) => row.response_id)),
    counts: new Map(counters.rows.map((row) => [row.form_id, BigInt(row.response_count)])),
  };
}

/**
 * Set-based: one COPY each for responses and answers, one upsert for the counters, whatever the
 * batch size. The plan left out every response already stored (read under the partition's
 * checkpoint lock), so a conflict on response_id can only come from another partition's batch
 * carrying the same id at the same moment: retriable, the retry sees it stored and skips it.
 */
export async function writeResponses(
  client: PoolClient,
  schema: string,
  partition: number,
  plan: ResponsesPlan,
): Promise<void> {
  if (plan.responses.length === 0) return;
  const { responses: rows, answers, counters } = plan;
  const inserted = await copyIn(
    client,
    `${schema}.responses (${RESPONSE_COPY_COLUMNS})`,
    responseCopyRows(rows, partition),
  ).catch((error: unknown) => {
    throw concurrentDuplicate(error) ?? error;
  });
  if (inserted !== rows.length) {
    throw new ProjectorError(
      'read_model_inconsistent',
      false,
      `stored ${inserted} of ${rows.length} planned responses`,
    );
  }
  if (answers.length > 0) {
    await copyIn(client, `${schema}.answers (${ANSWER_COPY_COLUMNS})`, answerCopyRows(answers));
  }
  await client.query(
    `INSERT INTO ${schema}.form_counters (form_id, org_id, response_count, first_submitted_at,
       last_submitted_at)
     SELECT c.form_id, c.org_id, c.response_count, to_timestamp(c.first_ms / 1000.0),
       to_timestamp(c.last_ms / 1000.0)
     FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::float8[], $5::float8[])
       AS c(form_id, org_id, response_count, first_ms, last_ms)
     ON CONFLICT (form_id) DO UPDATE SET
       response_count = EXCLUDED.response_count,
       first_submitted_at = LEAST(form_counters.first_submitted_at, EXCLUDED.first_submitted_at),
       last_submitted_at = GREATEST(form_counters.last_submitted_at, EXCLUDED.last_submitted_at)`,
    [
      counters.map((counter) => counter.formId),
      counters.map((counter) => counter.orgId),
      counters.map((counter) => String(counter.responseCount)),
      counters.map((counter) => counter.firstSubmittedAtMs),
      counters.map((counter) => counter.lastSubmittedAtMs),
    ],
  );
}

function concurrentDuplicate(error: unknown): ProjectorError | undefined {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code !== '23505' || constraint !== 'responses_pkey') return undefined;
  return new ProjectorError(
    'read_model_inconsistent',
    true,
    'another partition stored a response with the same responseId meanwhile; retrying the batch',
    { cause: error },
  );
}

/** Checked UUIDs as a uuid[] literal: no quoting needed, far cheaper than pg's array encoding. */
function uuidArray(ids: readonly string[]): string {
  return `{${ids.join(',')}}`;
}
