/** Positional parameters of one statement built from optional clauses: `params.add(v)` → `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A timestamptz column as ISO 8601 UTC text with milliseconds, like `Date.toISOString()`. */
export const isoMillis = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A timestamptz column as ISO 8601 UTC text with microseconds: Postgres's full precision, for cursors. */
export const isoMicros = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
