import type { ResponseSubmitted } from '@collect/events';
import type { CellValue } from '../sheets/sheets-client';
import type { SheetTargetConfig } from '../connector/sheet-target-config';
import { cellOf } from './cell-text';

/** The fixed columns before the questions. */
export const FIXED_COLUMNS = ['responseId', 'submittedAt'] as const;

/** The columns of one target tab: questionIds in column order, only ever appended to. */
export interface ColumnLayout {
  readonly questionIds: readonly string[];
}

/**
 * The layout after `responses`: a questionId answered for the first time (and included by the
 * config) gets a column at the end; existing columns never move, removed questions keep theirs.
 */
export function extendLayout(
  layout: ColumnLayout,
  config: SheetTargetConfig,
  responses: readonly ResponseSubmitted[],
): ColumnLayout {
  const known = new Set(layout.questionIds);
  const added: string[] = [];
  const wanted = (id: string) => !config.questions || config.questions.includes(id);
  const consider = (id: string) => {
    if (known.has(id) || !wanted(id)) return;
    known.add(id);
    added.push(id);
  };
  for (const id of config.questions ?? []) consider(id);
  for (const response of responses)
    for (const answer of response.answers) consider(answer.questionId);
  return added.length === 0 ? layout : { questionIds: [...layout.questionIds, ...added] };
}

/**
 * The header row: fixed columns, then per question its configured title, else the form's
 * current title, else the title its column had (`previous`, the header as last written, so a
 * title the catalogue does not know is not lost), else its id.
 */
export function headerOf(
  layout: ColumnLayout,
  config: SheetTargetConfig,
  formTitles: ReadonlyMap<string, string> = new Map(),
  previous: readonly string[] | null = null,
): string[] {
  const before = FIXED_COLUMNS.length;
  return [
    ...FIXED_COLUMNS,
    ...layout.questionIds.map(
      (id, i) => config.columnTitles?.[id] ?? formTitles.get(id) ?? previous?.[before + i] ?? id,
    ),
  ];
}

/** One response as a row aligned with `layout`; submittedAt as an ISO-8601 UTC text. */
export function rowOf(layout: ColumnLayout, response: ResponseSubmitted): CellValue[] {
  const answers = new Map(response.answers.map((a) => [a.questionId, a.value]));
  return [
    response.responseId,
    new Date(response.submittedAt).toISOString(),
    ...layout.questionIds.map((id) => cellOf(answers.get(id))),
  ];
}

export function columnCount(layout: ColumnLayout): number {
  return FIXED_COLUMNS.length + layout.questionIds.length;
}
