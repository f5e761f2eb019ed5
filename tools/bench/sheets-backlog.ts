// The Sheets throughput benchmark's backlog: forms, one spreadsheet each, integrations of a
// connector type of its own, and ResponseSubmitted events on a topic of its own, produced before
// any connector starts so the quota, not the supply, bounds the run. And the clean-up after.
import { randomUUID } from 'node:crypto';
import { eventHeaders, type EventSerde, type ResponseSubmitted } from '@collect/events';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { responsesOf } from '../../apps/test-connector/src/testing/responses';
import type { SheetsEmulatorControl } from '../sheets-emulator/src/control-client';

export const BENCH_TAB = 'Responses';

export interface BenchForm {
  readonly formId: string;
  readonly spreadsheetId: string;
  /** The responseIds produced for this form, in submission order. */
  readonly responseIds: string[];
}

const orgId = '00000000-0000-4000-8000-0000000005e7';

/**
 * One spreadsheet per form, its tab created with a single row, so the tab's row count minus one
 * is the number of data rows once the connector wrote the header (INSERT_ROWS grows it by each
 * append's height).
 */
export async function createForms(
  control: SheetsEmulatorControl,
  count: number,
): Promise<BenchForm[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const sheet = await control.createSpreadsheet({
        title: `sheets throughput bench ${index}`,
        sheets: [{ title: BENCH_TAB, rowCount: 1, columnCount: 8 }],
      });
      return { formId: randomUUID(), spreadsheetId: sheet.spreadsheetId, responseIds: [] };
    }),
  );
}

/** Active integrations of `type`, one per form, as the API would store them after an attach. */
export async function attachIntegrations(
  pool: Pool,
  type: string,
  forms: readonly BenchForm[],
): Promise<void> {
  for (const form of forms) {
    await pool.query(
      `INSERT INTO integrations (integration_id, org_id, form_id, type, name, config, state, version, backfill, attached_at, updated_at)
       VALUES ($1, $2, $3, $4, 'sheets throughput bench', $5, 'active', 1, true, now(), now())`,
      [
        randomUUID(),
        orgId,
        form.formId,
        type,
        JSON.stringify({ spreadsheetId: form.spreadsheetId, sheet: BENCH_TAB }),
      ],
    );
  }
}

/** `count` responses of `form` (two answers each: rows of about 100 bytes of JSON). */
export function benchResponses(form: BenchForm, count: number): ResponseSubmitted[] {
  return responsesOf({ orgId, formId: form.formId }, count);
}

/** `perForm` responses per form, interleaved across forms as live traffic is; keyed by formId. */
export async function produceBacklog(
  kafka: Kafka,
  serde: EventSerde,
  topic: string,
  forms: readonly BenchForm[],
  perForm: number,
  progress: (produced: number) => void,
): Promise<void> {
  await serde.registerAll();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const perWave = Math.max(1, Math.floor(5_000 / forms.length));
    for (let each = 0; each < perForm; each += perWave) {
      const waves = forms.map((form) => benchResponses(form, Math.min(perWave, perForm - each)));
      // Round-robin across forms, as live traffic interleaves them.
      const messages = waves[0]!.flatMap((_, i) =>
        waves.map((wave, f) => {
          const event = wave[i]!;
          forms[f]!.responseIds.push(event.responseId);
          return { key: event.formId, value: serde.encode(event), headers: eventHeaders(event) };
        }),
      );
      await producer.send({ topic, acks: -1, messages });
      progress(messages.length);
    }
  } finally {
    await producer.disconnect();
  }
}

/** Removes what the run added to the shared Postgres and Kafka (its type, group, topics, layouts). */
export async function removeBenchData(
  kafka: Kafka,
  pool: Pool,
  type: string,
  groupId: string,
  topics: readonly string[],
  forms: readonly BenchForm[],
): Promise<void> {
  const ofType = 'SELECT integration_id FROM integrations WHERE type = $1';
  for (const table of [
    'connector_deliveries',
    'connector_dead_letters',
    'integration_cursors',
    'integration_status',
  ]) {
    await pool.query(`DELETE FROM ${table} WHERE integration_id IN (${ofType})`, [type]);
  }
  await pool.query('DELETE FROM integrations WHERE type = $1', [type]);
  await pool.query('DELETE FROM connector_types WHERE type = $1', [type]);
  await pool.query('DELETE FROM connector_offsets WHERE group_id = $1', [groupId]);
  await pool.query('DELETE FROM rate_limit_buckets WHERE bucket LIKE $1', [`${type}:%`]);
  await pool.query('DELETE FROM sheets_connector_layouts WHERE spreadsheet_id = ANY($1)', [
    forms.map((form) => form.spreadsheetId),
  ]);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    await admin.deleteTopics({ topics: topics.filter((topic) => existing.has(topic)) });
  } finally {
    await admin.disconnect();
  }
}
