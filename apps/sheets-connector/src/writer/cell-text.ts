import type { AnswerValue } from '@collect/events';
import type { CellValue } from '../sheets/sheets-client';

/** Google's limit on characters in one cell. */
export const MAX_CELL_CHARACTERS = 50_000;
export const TRUNCATION_MARKER = ' …[truncated by Collect]';

/** An answer as one cell: lists joined by ", ", texts over the cell limit cut with a visible marker. */
export function cellOf(value: AnswerValue | undefined): CellValue {
  if (value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return truncated(typeof value === 'string' ? value : value.join(', '));
}

export function truncated(text: string, limit = MAX_CELL_CHARACTERS): string {
  if (text.length <= limit) return text;
  return text.slice(0, limit - TRUNCATION_MARKER.length) + TRUNCATION_MARKER;
}
