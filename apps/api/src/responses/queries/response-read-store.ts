import { Injectable } from '@nestjs/common';
import {
  isoMicros,
  isoMillis,
  ReadModelDb,
  SqlParams,
  type KeysetPosition,
} from '../../read-model';
import type { SubmittedRange } from './response-query-params';
import { answerOf, type AnswerRow } from './typed-answer';
import type { ResponseView } from './response-views';

export interface ResponseRow {
  readonly response_id: string;
  readonly form_id: string;
  readonly form_version: number;
  readonly form_seq: string;
  readonly submitted_at: string;
  readonly received_at: string;
  readonly source: string;
  readonly locale: string | null;
  readonly hidden_fields: Record<string, string>;
  /** submitted_at with microseconds: the keyset position, with response_id. */
  readonly cursor_at: string;
}

export interface QuestionColumn {
  readonly questionId: string;
  readonly title: string;
}

export interface ResponseSlice {
  readonly range: SubmittedRange;
  readonly after?: KeysetPosition;
  readonly limit: number;
}

const RESPONSE_COLUMNS = `r.response_id, r.form_id, r.form_version, r.form_seq::text AS form_seq,
  ${isoMillis('r.submitted_at')} AS submitted_at, ${isoMillis('r.received_at')} AS received_at,
  r.source, r.locale, r.hidden_fields, ${isoMicros('r.submitted_at')} AS cursor_at`;

/**
 * Responses and answers from the read model, always within one organisation. Pages are keyset
 * slices in (submitted_at, response_id) order, served by the index of the same columns.
 */
@Injectable()
export class ResponseReadStore {
  constructor(private readonly db: ReadModelDb) {}

  async formExists(orgId: string, formId: string): Promise<boolean> {
    const rows = await this.db.rows(
      'SELECT 1 FROM read_model.forms WHERE form_id = $1 AND org_id = $2',
      [formId, orgId],
    );
    return rows.length > 0;
  }

  /** Up to `slice.limit` responses of the form after `slice.after`, in key order. */
  slice(orgId: string, formId: string, slice: ResponseSlice): Promise<ResponseRow[]> {
    const params = new SqlParams();
    const where = [`r.form_id = ${params.add(formId)}`, `r.org_id = ${params.add(orgId)}`];
    const { submittedFrom, submittedTo } = slice.range;
    if (submittedFrom) where.push(`r.submitted_at >= ${params.add(submittedFrom)}::timestamptz`);
    if (submittedTo) where.push(`r.submitted_at < ${params.add(submittedTo)}::timestamptz`);
    if (slice.after) {
      where.push(
        `(r.submitted_at, r.response_id) > (${params.add(slice.after.at)}::timestamptz, ${params.add(slice.after.id)}::uuid)`,
      );
    }
    return this.db.rows<ResponseRow>(
      `SELECT ${RESPONSE_COLUMNS}
         FROM read_model.responses r
        WHERE ${where.join(' AND ')}
        ORDER BY r.submitted_at, r.response_id
        LIMIT ${params.add(slice.limit)}`,
      params.values,
    );
  }

  async find(orgId: string, responseId: string): Promise<ResponseView | undefined> {
    const [row] = await this.db.rows<ResponseRow>(
      `SELECT ${RESPONSE_COLUMNS} FROM read_model.responses r
        WHERE r.response_id = $1 AND r.org_id = $2`,
      [responseId, orgId],
    );
    if (row === undefined) return undefined;
    return responseOf(row, await this.answers(row.form_id, [row.response_id]));
  }

  /** The answers of these responses of one form, each response's in question order. */
  answers(formId: string, responseIds: readonly string[]): Promise<AnswerRow[]> {
    if (responseIds.length === 0) return Promise.resolve([]);
    return this.db.rows<AnswerRow>(
      `SELECT a.response_id, a.question_id, a.value_text, a.value_number, a.value_boolean,
              a.value_date::text AS value_date, a.value_choices
         FROM read_model.answers a
         LEFT JOIN read_model.questions q ON q.form_id = a.form_id AND q.question_id = a.question_id
        WHERE a.form_id = $1 AND a.response_id = ANY($2::uuid[])
        ORDER BY a.response_id, q.position NULLS LAST, q.removed_version, a.question_id`,
      [formId, responseIds],
    );
  }

  /** One CSV column per question: the draft's order, then removed questions (old responses). */
  async columns(formId: string): Promise<QuestionColumn[]> {
    const rows = await this.db.rows<{ question_id: string; title: string }>(
      `SELECT question_id, title FROM read_model.questions
        WHERE form_id = $1
        ORDER BY position NULLS LAST, removed_version, added_version, question_id`,
      [formId],
    );
    return rows.map((row) => ({ questionId: row.question_id, title: row.title }));
  }
}

/** Groups answer rows by response, keeping their order. */
export function answersByResponse(rows: readonly AnswerRow[]): Map<string, AnswerRow[]> {
  const byResponse = new Map<string, AnswerRow[]>();
  for (const row of rows) {
    const list = byResponse.get(row.response_id);
    if (list) list.push(row);
    else byResponse.set(row.response_id, [row]);
  }
  return byResponse;
}

export function responseOf(row: ResponseRow, answers: readonly AnswerRow[]): ResponseView {
  return {
    responseId: row.response_id,
    formId: row.form_id,
    formVersion: row.form_version,
    sequence: Number(row.form_seq),
    submittedAt: row.submitted_at,
    receivedAt: row.received_at,
    source: row.source,
    locale: row.locale,
    hiddenFields: row.hidden_fields,
    answers: answers.map(answerOf),
  };
}
