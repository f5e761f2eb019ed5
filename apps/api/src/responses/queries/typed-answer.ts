import { textCell, valueCell } from '../../read-model';
import type { AnswerView } from './response-views';

/** One row of `read_model.answers`: exactly one value column is set, by the question's type. */
export interface AnswerRow {
  readonly response_id: string;
  readonly question_id: string;
  readonly value_text: string | null;
  readonly value_number: number | null;
  readonly value_boolean: boolean | null;
  /** Selected as text (YYYY-MM-DD): pg would turn a date into a local-midnight Date. */
  readonly value_date: string | null;
  readonly value_choices: string[] | null;
}

export function answerOf(row: AnswerRow): AnswerView {
  return { questionId: row.question_id, value: valueOf(row) };
}

function valueOf(row: AnswerRow): AnswerView['value'] {
  return (
    row.value_choices ?? row.value_boolean ?? row.value_number ?? row.value_date ?? row.value_text
  );
}

/**
 * The answer as a CSV cell: numbers, booleans and dates as the API formats them; text and the
 * picked option ids (joined with `;`) neutralised against formula injection.
 */
export function answerCell(row: AnswerRow | undefined): string {
  if (row === undefined) return '';
  if (row.value_choices !== null) return textCell(row.value_choices.join(';'));
  if (row.value_boolean !== null) return valueCell(String(row.value_boolean));
  if (row.value_number !== null) return valueCell(String(row.value_number));
  if (row.value_date !== null) return valueCell(row.value_date);
  return row.value_text === null ? '' : textCell(row.value_text);
}
