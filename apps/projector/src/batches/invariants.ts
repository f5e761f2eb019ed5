/**
 * Checks that keep a well-formed but impossible event out of Postgres. Each returns a reason (for
 * the dead-letter headers; never a value, which may be an answer) or undefined when it holds.
 */

/** 8-4-4-4-12 hex digits, either case; a loop rather than a regex: four per event, a million events. */
export function isUuid(value: string): boolean {
  if (value.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const code = value.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (code !== 45 /* - */) return false;
    } else if (!(
      (code >= 48 && code <= 57) /* 0-9 */ ||
      (code >= 97 && code <= 102) /* a-f */ ||
      (code >= 65 && code <= 70) /* A-F */
    )) {
      return false;
    }
  }
  return true;
}

/** Postgres `uuid` columns accept nothing else. */
export function checkUuid(field: string, value: string): string | undefined {
  return isUuid(value) ? undefined : `${field} is not a UUID`;
}

/** The latest instant Postgres timestamptz and JavaScript Date both represent comfortably. */
const MAX_EPOCH_MS = Date.UTC(9999, 11, 31);

/** Epoch milliseconds as a timestamptz. */
export function checkEpochMs(field: string, value: number): string | undefined {
  return Number.isFinite(value) && value >= 0 && value <= MAX_EPOCH_MS
    ? undefined
    : `${field} is not a time between 1970 and 9999`;
}

/** Postgres text and jsonb reject the NUL character; finds it in any string of a value. */
export function checkNoNul(field: string, value: unknown): string | undefined {
  return containsNul(value) ? `${field} contains a NUL character` : undefined;
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (containsNul(value[i])) return true;
    return false;
  }
  if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (key.includes('\u0000') || containsNul((value as Record<string, unknown>)[key])) {
        return true;
      }
    }
  }
  return false;
}

/** The first failing check's reason. */
export function firstViolation(...reasons: ReadonlyArray<string | undefined>): string | undefined {
  return reasons.find((reason) => reason !== undefined);
}
