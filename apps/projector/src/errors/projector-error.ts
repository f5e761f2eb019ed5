export type ProjectorErrorCode =
  /** Postgres unreachable, restarting, overloaded or timing out: retry the batch. */
  | 'database_unavailable'
  /** Postgres refused a statement (a bug: inputs are checked before they reach it). */
  | 'database_rejected'
  /** The dead-letter topic did not acknowledge: retry the batch. */
  | 'dead_letter_unavailable'
  /** No live generation in projection.generations: migrations did not run. */
  | 'no_live_generation'
  /** The read model disagrees with the batch plan (a bug). */
  | 'read_model_inconsistent';

/** The projector's error family: a machine-readable code, whether retrying can help, the cause. */
export class ProjectorError extends Error {
  constructor(
    readonly code: ProjectorErrorCode,
    readonly retriable: boolean,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProjectorError';
  }
}
