/** A decoded event with where it sits in the log. */
export interface Positioned<E> {
  readonly event: E;
  readonly offset: bigint;
}

/** An event of the batch that can never be applied, and why (no values: they may be answers). */
export interface Rejection {
  readonly offset: bigint;
  readonly reason: string;
}
