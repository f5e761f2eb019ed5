import type { Readable } from 'node:stream';
import {
  chunkedReadable,
  csvLine,
  textCell,
  valueCell,
  type KeysetPosition,
} from '../../read-model';
import {
  answersByResponse,
  type QuestionColumn,
  type ResponseReadStore,
  type ResponseRow,
} from './response-read-store';
import type { SubmittedRange } from './response-query-params';
import { answerCell, type AnswerRow } from './typed-answer';

/** Responses per chunk of the export: one keyset query for them, one for their answers. */
export const CSV_CHUNK_ROWS = 1000;

/**
 * A form's responses as CSV, read in keyset chunks of `chunkRows` in (submittedAt, responseId)
 * order: memory holds one chunk whatever the form's size, the next chunk is read only when the
 * client has taken the previous one, and no connection or transaction is held in between. The
 * header row and first chunk are read before this resolves, so a failure then is still a problem
 * response. Columns: responseId, submittedAt, then one per question (see ResponseReadStore.columns).
 */
export async function responsesCsv(
  store: ResponseReadStore,
  orgId: string,
  formId: string,
  range: SubmittedRange,
  chunkRows = CSV_CHUNK_ROWS,
): Promise<Readable> {
  const columns = await store.columns(formId);
  let after: KeysetPosition | undefined;
  let exhausted = false;
  const nextRows = async (): Promise<string | null> => {
    if (exhausted) return null;
    const rows = await store.slice(orgId, formId, { range, after, limit: chunkRows });
    exhausted = rows.length < chunkRows;
    const last = rows[rows.length - 1];
    if (last) after = { at: last.cursor_at, id: last.response_id };
    const answers = answersByResponse(
      await store.answers(
        formId,
        rows.map((r) => r.response_id),
      ),
    );
    return rows.map((row) => csvRow(row, columns, answers.get(row.response_id) ?? [])).join('');
  };
  let first: string | null = headerRow(columns) + ((await nextRows()) ?? '');
  return chunkedReadable(async () => {
    const chunk = first;
    first = null;
    return chunk ?? nextRows();
  });
}

function headerRow(columns: readonly QuestionColumn[]): string {
  return csvLine(['responseId', 'submittedAt', ...columns.map((column) => textCell(column.title))]);
}

function csvRow(
  row: ResponseRow,
  columns: readonly QuestionColumn[],
  answers: readonly AnswerRow[],
): string {
  const byQuestion = new Map(answers.map((answer) => [answer.question_id, answer]));
  return csvLine([
    valueCell(row.response_id),
    valueCell(row.submitted_at),
    ...columns.map((column) => answerCell(byQuestion.get(column.questionId))),
  ]);
}
