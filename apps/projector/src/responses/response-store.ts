import type { PoolClient } from 'pg';
import type { CheckedResponse } from './checked-response';
import type { KnownResponses, ResponsesPlan } from './plan-responses';

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
    [responseIds],
  );
  const counters = await client.query<{ form_id: string; response_count: string }>(
    `SELECT form_id, response_count FROM ${schema}.form_counters WHERE form_id = ANY($1::uuid[])`,
    [formIds],
  );
  return {
    existingIds: new Set(existing.rows.map((row) => row.response_id)),
    counts: new Map(counters.rows.map((row) => [row.form_id, BigInt(row.response_count)])),
  };
}

/** Set-based: one statement each for responses, answers and counters, whatever the batch size. */
export async function writeResponses(
  client: PoolClient,
  schema: string,
  partition: number,
  plan: ResponsesPlan,
): Promise<void> {
  if (plan.responses.length === 0) return;
  const { responses: rows, answers, counters } = plan;
  const inserted = await client.query(
    `INSERT INTO ${schema}.responses (response_id, org_id, form_id, form_version, form_seq,
       submitted_at, received_at, source, locale, hidden_fields, idempotency_key, event_id,
       kafka_partition, kafka_offset)
     SELECT r.response_id, r.org_id, r.form_id, r.form_version, r.form_seq,
       to_timestamp(r.submitted_ms / 1000.0), to_timestamp(r.received_ms / 1000.0), r.source,
       r.locale, r.hidden_fields, r.idempotency_key, r.event_id, $13, r.kafka_offset
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::bigint[], $6::float8[],
       $7::float8[], $8::text[], $9::text[], $10::jsonb[], $11::text[], $12::uuid[], $14::bigint[])
       AS r(response_id, org_id, form_id, form_version, form_seq, submitted_ms, received_ms,
         source, locale, hidden_fields, idempotency_key, event_id, kafka_offset)
     ON CONFLICT (response_id) DO NOTHING`,
    [
      rows.map((row) => row.responseId),
      rows.map((row) => row.orgId),
      rows.map((row) => row.formId),
      rows.map((row) => row.formVersion),
      rows.map((row) => String(row.formSeq)),
      rows.map((row) => row.submittedAtMs),
      rows.map((row) => row.receivedAtMs),
      rows.map((row) => row.source),
      rows.map((row) => row.locale),
      rows.map((row) => JSON.stringify(row.hiddenFields)),
      rows.map((row) => row.idempotencyKey),
      rows.map((row) => row.eventId),
      partition,
      rows.map((row) => String(row.kafkaOffset)),
    ],
  );
  if (inserted.rowCount !== rows.length) {
    // The plan left out every response already stored, under the partition's checkpoint lock.
    throw new Error(
      `inserted ${inserted.rowCount} of ${rows.length} planned responses: the read model changed under the batch`,
    );
  }
  if (answers.length > 0) {
    await client.query(
      `INSERT INTO ${schema}.answers (response_id, form_id, question_id, value_text, value_number,
         value_boolean, value_date, value_choices)
       SELECT a.response_id, a.form_id, a.question_id, a.value_text, a.value_number,
         a.value_boolean, a.value_date::date,
         CASE WHEN a.choices IS NULL THEN NULL
              ELSE ARRAY(SELECT jsonb_array_elements_text(a.choices)) END
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::float8[], $6::bool[],
         $7::text[], $8::jsonb[])
         AS a(response_id, form_id, question_id, value_text, value_number, value_boolean,
           value_date, choices)`,
      [
        answers.map((answer) => answer.responseId),
        answers.map((answer) => answer.formId),
        answers.map((answer) => answer.questionId),
        answers.map((answer) => answer.valueText),
        answers.map((answer) => answer.valueNumber),
        answers.map((answer) => answer.valueBoolean),
        answers.map((answer) => answer.valueDate),
        answers.map((answer) => (answer.valueChoices ? JSON.stringify(answer.valueChoices) : null)),
      ],
    );
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
