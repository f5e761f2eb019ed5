import { ProjectorError } from './projector-error';

/**
 * SQLSTATE classes and codes worth retrying: connection exceptions (08), insufficient resources
 * (53), operator intervention (57: shutdown, cancelled by statement_timeout), serialization
 * failure and deadlock (40001, 40P01), lock not available (55P03).
 */
const RETRIABLE_CLASSES = ['08', '53', '57'];
const RETRIABLE_CODES = new Set(['40001', '40P01', '55P03']);

/** Socket-level failures Node and pg report without an SQLSTATE. */
const RETRIABLE_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const RETRIABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection (timeout|timed out)/i,
  /not queryable/i,
  /Client was closed/i,
];

/** The one place a pg error becomes a ProjectorError. */
export function fromDatabaseError(error: unknown, doing: string): ProjectorError {
  if (error instanceof ProjectorError) return error;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  const retriable =
    typeof code === 'string' &&
    (RETRIABLE_CODES.has(code) ||
      RETRIABLE_SYSTEM_CODES.has(code) ||
      (code.length === 5 && RETRIABLE_CLASSES.includes(code.slice(0, 2))))
      ? true
      : RETRIABLE_MESSAGES.some((pattern) => pattern.test(text));
  return new ProjectorError(
    retriable ? 'database_unavailable' : 'database_rejected',
    retriable,
    `${doing}: ${text}`,
    { cause: error },
  );
}
