import { ApiError } from '../http';

/** Retry-After (seconds) suggested when the read model cannot answer. */
const RETRY_AFTER_SECONDS = 2;

/** SQLSTATE classes and codes meaning "Postgres cannot answer right now", not "the query is wrong". */
const UNAVAILABLE_CLASSES = ['08', '53', '57'];
const MISSING_READ_MODEL = new Set(['42P01', '3F000']);

/**
 * The one converter of Postgres failures on the read side (STYLE.md 7): a read model not built yet
 * (no `read_model` views), an unreachable or overloaded Postgres and a statement timeout answer
 * 503 `read-model-unavailable` with Retry-After; anything else is a bug and stays as it is (500).
 */
export function readModelError(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  const code = sqlState(error);
  if (code !== undefined && MISSING_READ_MODEL.has(code)) {
    return unavailable('the read model is not built yet; the projector creates it', error);
  }
  if (
    code === undefined ? isConnectionFailure(error) : UNAVAILABLE_CLASSES.includes(code.slice(0, 2))
  ) {
    return unavailable('the read model cannot be queried right now', error);
  }
  return error;
}

function unavailable(message: string, cause: unknown): ApiError {
  return ApiError.unavailable('read-model-unavailable', message, RETRY_AFTER_SECONDS, cause);
}

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** pg-pool and socket failures carry no SQLSTATE: a refused or dropped connection, a pool timeout. */
function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return true;
  return /timeout exceeded when trying to connect|Connection terminated|connection error/i.test(
    error.message,
  );
}
