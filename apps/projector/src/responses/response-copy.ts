import {
  copyBoolean,
  copyJson,
  copyNullableText,
  copyNumber,
  copyText,
  copyTextArray,
  copyTimestamp,
} from '../copy/copy-text';
import type { AnswerRow, ResponseRow } from './plan-responses';

/** The `responses` columns, in the order responseCopyRows writes them. */
export const RESPONSE_COPY_COLUMNS =
  'response_id, org_id, form_id, form_version, form_seq, submitted_at, received_at, source, ' +
  'locale, hidden_fields, idempotency_key, event_id, kafka_partition, kafka_offset';

/** The `answers` columns, in the order answerCopyRows writes them. */
export const ANSWER_COPY_COLUMNS =
  'response_id, form_id, question_id, value_text, value_number, value_boolean, value_date, ' +
  'value_choices';

/** Pure: the plan's response rows as COPY text (one string built in place: this is hot). */
export function responseCopyRows(rows: readonly ResponseRow[], partition: number): string {
  let text = '';
  for (const row of rows) {
    text +=
      `${row.responseId}\t${row.orgId}\t${row.formId}\t${row.formVersion}\t${row.formSeq}\t` +
      `${copyTimestamp(row.submittedAtMs)}\t${copyTimestamp(row.receivedAtMs)}\t` +
      `${copyText(row.source)}\t${copyNullableText(row.locale)}\t${copyJson(row.hiddenFields)}\t` +
      `${copyNullableText(row.idempotencyKey)}\t${row.eventId}\t${partition}\t${row.kafkaOffset}\n`;
  }
  return text;
}

/** Pure: the plan's answer rows as COPY text. */
export function answerCopyRows(answers: readonly AnswerRow[]): string {
  let text = '';
  for (const answer of answers) {
    text +=
      `${answer.responseId}\t${answer.formId}\t${copyText(answer.questionId)}\t` +
      `${copyNullableText(answer.valueText)}\t${copyNumber(answer.valueNumber)}\t` +
      `${copyBoolean(answer.valueBoolean)}\t${copyNullableText(answer.valueDate)}\t` +
      `${copyTextArray(answer.valueChoices)}\n`;
  }
  return text;
}
