import { isRetriableDatabaseError } from '@collect/database';
import { ProjectorError } from './projector-error';

/** The one place a pg error becomes a ProjectorError (retriable when @collect/database says passing). */
export function fromDatabaseError(error: unknown, doing: string): ProjectorError {
  if (error instanceof ProjectorError) return error;
  const { message } = (error ?? {}) as { message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  const retriable = isRetriableDatabaseError(error);
  return new ProjectorError(
    retriable ? 'database_unavailable' : 'database_rejected',
    retriable,
    `${doing}: ${text}`,
    { cause: error },
  );
}
