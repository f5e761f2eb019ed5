import type { AnswerValue } from '@collect/events';

/** The typed columns of one `answers` row. */
export interface AnswerColumns {
  readonly valueText: string | null;
  readonly valueNumber: number | null;
  readonly valueBoolean: boolean | null;
  /** YYYY-MM-DD. */
  readonly valueDate: string | null;
  readonly valueChoices: readonly string[] | null;
}

export type TypedAnswer =
  | { readonly ok: true; readonly columns: AnswerColumns }
  | { readonly ok: false; readonly reason: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day between 0001-01-01 and 9999-12-31, as YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (value.length !== 10) return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1) return false;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The typed columns of an answer, decided by the value's shape alone: string → value_text (and
 * value_date too when it is a calendar date, so date questions filter and sort as dates),
 * number → value_number, boolean → value_boolean, list of strings → value_choices.
 *
 * Not by the question's type: a response may be projected before its form (two topics, read at
 * their own pace), and a rebuild must produce exactly the rows the live projection did. The API
 * validated every answer against the published question before it accepted the response.
 */
export function typeAnswer(value: AnswerValue): TypedAnswer {
  if (typeof value === 'string') {
    return { ok: true, columns: columns(value, null, null, isCalendarDate(value) ? value : null) };
  }
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? { ok: true, columns: columns(null, value) }
      : { ok: false, reason: 'a number answer is not finite' };
  }
  if (typeof value === 'boolean') return { ok: true, columns: columns(null, null, value) };
  if (Array.isArray(value) && value.every((choice) => typeof choice === 'string')) {
    return { ok: true, columns: columns(null, null, null, null, value) };
  }
  return { ok: false, reason: 'an answer is neither text, number, boolean nor a list of choices' };
}

/** A literal object, not a spread over a template: this runs for every answer of every response. */
function columns(
  valueText: string | null,
  valueNumber: number | null = null,
  valueBoolean: boolean | null = null,
  valueDate: string | null = null,
  valueChoices: readonly string[] | null = null,
): AnswerColumns {
  return { valueText, valueNumber, valueBoolean, valueDate, valueChoices };
}
