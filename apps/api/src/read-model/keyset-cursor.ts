import { isUuid } from './uuid';

/**
 * Where a keyset page ended: the sort key `(at, id)` of its last row. Clients get it as an opaque
 * cursor (base64url JSON naming the listing it belongs to) and send it back unchanged.
 */
export interface KeysetPosition {
  /** The row's timestamp as ISO 8601 UTC with microseconds (Postgres's precision). */
  readonly at: string;
  /** The row's uuid, the tie-breaker between equal timestamps. */
  readonly id: string;
}

/** Which listing a cursor belongs to: a cursor of one is refused by another. */
export type CursorKind = 'forms' | 'responses' | 'dead-letters';

const MICROS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const BASE64URL = /^[A-Za-z0-9_-]{1,512}$/;

export function encodeCursor(kind: CursorKind, position: KeysetPosition): string {
  const payload = { k: kind, at: position.at, id: position.id };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The position in `cursor`, or undefined when it is not a cursor of this `kind` listing. */
export function decodeCursor(kind: CursorKind, cursor: string): KeysetPosition | undefined {
  if (!BASE64URL.test(cursor)) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { k, at, id } = payload as Record<string, unknown>;
  if (k !== kind || typeof at !== 'string' || typeof id !== 'string') return undefined;
  if (!MICROS_UTC.test(at) || !isUuid(id) || Number.isNaN(Date.parse(at))) return undefined;
  return { at, id };
}
