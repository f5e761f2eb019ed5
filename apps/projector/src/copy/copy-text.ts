/**
 * Postgres COPY text format (`COPY … FROM STDIN`): one row per line, columns separated by tabs,
 * `\N` for NULL, and backslash, newline, carriage return and tab escaped inside values.
 * Pure string building: cheaper than pg's parameter serialisation for large batches.
 */
export const COPY_NULL = '\\N';

const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_ALL = /[\\\n\r\t]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A text value as one COPY field. */
export function copyText(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (char) => ESCAPES[char]!) : value;
}

/** A nullable text value as one COPY field. */
export function copyNullableText(value: string | null | undefined): string {
  return value === null || value === undefined ? COPY_NULL : copyText(value);
}

/** A finite number, or NULL. */
export function copyNumber(value: number | null): string {
  return value === null ? COPY_NULL : String(value);
}

export function copyBoolean(value: boolean | null): string {
  return value === null ? COPY_NULL : value ? 't' : 'f';
}

/**
 * Epoch milliseconds as a timestamptz literal (ISO 8601, UTC). The text up to the second comes
 * from a two-entry cache: a batch's timestamps crowd into few seconds, and formatting a Date was
 * a fifth of the COPY encoding's time.
 */
export function copyTimestamp(epochMs: number): string {
  if (!Number.isInteger(epochMs)) return new Date(epochMs).toISOString();
  const second = Math.floor(epochMs / 1000);
  const slot = second === seconds[0] ? 0 : second === seconds[1] ? 1 : replaceSlot(second);
  const millis = epochMs - second * 1000;
  return `${prefixes[slot]}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

const seconds = [NaN, NaN];
const prefixes = ['', ''];
let nextSlot = 0;

function replaceSlot(second: number): number {
  const slot = nextSlot;
  nextSlot = 1 - nextSlot;
  seconds[slot] = second;
  prefixes[slot] = new Date(second * 1000).toISOString().slice(0, 19);
  return slot;
}

/** A JSON value for a jsonb column. */
export function copyJson(value: unknown): string {
  return copyText(JSON.stringify(value));
}

const ARRAY_ELEMENT_SPECIAL = /["\\]/g;

/** A list of strings as a text[] literal (every element quoted), or NULL. */
export function copyTextArray(items: readonly string[] | null): string {
  if (items === null) return COPY_NULL;
  let literal = '{';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) literal += ',';
    literal += `"${items[i]!.replace(ARRAY_ELEMENT_SPECIAL, '\\$&')}"`;
  }
  return copyText(`${literal}}`);
}
