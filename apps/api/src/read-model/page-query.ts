import { z } from 'zod';
import { decodeCursor, type CursorKind, type KeysetPosition } from './keyset-cursor';

/**
 * Query-string parameters shared by the keyset listings. Query values are text, so numbers and
 * dates are checked as text first (`?limit=1e3`, `?limit= 5` and repeated parameters are refused).
 */

export const limitParam = (max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, `limit must be a whole number from 1 to ${max}`)
    .transform(Number)
    .pipe(
      z.number().int().min(1, `limit must be at least 1`).max(max, `limit must be at most ${max}`),
    );

export const cursorParam = (kind: CursorKind) =>
  z
    .string()
    .max(512, 'cursor is not one this listing returned')
    .transform((text, context): KeysetPosition => {
      const position = decodeCursor(kind, text);
      if (position === undefined) {
        context.addIssue({
          code: 'custom',
          message: 'cursor is not one this listing returned; send nextCursor unchanged',
        });
        return z.NEVER;
      }
      return position;
    });

/** An instant with its offset, e.g. `2025-03-01T00:00:00Z` or `2025-03-01T01:00:00+01:00`. */
export const instantParam = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time with a time zone, e.g. 2025-03-01T00:00:00Z',
});

/** One page of a keyset listing: `nextCursor` is null on the last page. */
export interface Page<Item> {
  readonly items: readonly Item[];
  readonly nextCursor: string | null;
}

/**
 * A page from `limit + 1` rows fetched in key order: the extra row only says another page exists.
 */
export function pageOf<Row, Item>(
  rows: readonly Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorOf: (row: Row) => string,
): Page<Item> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null,
  };
}
