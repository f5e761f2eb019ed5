import { isRetriableDatabaseError } from '@collect/database';
import { ConnectorRuntimeError, describeError } from './connector-runtime-error';

/** The one place a pg error becomes a ConnectorRuntimeError; the runtime's own errors pass. */
export function fromDatabaseError(error: unknown, doing: string): ConnectorRuntimeError {
  if (error instanceof ConnectorRuntimeError) return error;
  const retriable = isRetriableDatabaseError(error);
  return new ConnectorRuntimeError(
    retriable ? 'database_unavailable' : 'database_rejected',
    retriable,
    `${doing}: ${describeError(error)}`,
    { cause: error },
  );
}
