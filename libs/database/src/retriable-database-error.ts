/**
 * SQLSTATE classes and codes worth retrying: connection exceptions (08), insufficient resources
 * (53), operator intervention (57: shutdown, cancelled by statement_timeout), serialization
 * failure and deadlock (40001, 40P01), lock not available (55P03).
 */
const retriableClasses = ['08', '53', '57'];
const retriableCodes = new Set(['40001', '40P01', '55P03']);

/** Socket-level failures Node and pg report without an SQLSTATE. */
const retriableSystemCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const retriableMessages = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection (timeout|timed out)/i,
  /not queryable/i,
  /Client was closed/i,
];

/**
 * Whether a pg (or socket) error is passing, so the same work may succeed when retried: Postgres
 * unreachable, restarting, overloaded, timing out, or a serialization conflict. Apps convert
 * with it once, at their boundary, into their own error family.
 */
export function isRetriableDatabaseError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (retriableCodes.has(code) || retriableSystemCodes.has(code)) return true;
    if (code.length === 5 && retriableClasses.includes(code.slice(0, 2))) return true;
  }
  const text = typeof message === 'string' ? message : String(error);
  return retriableMessages.some((pattern) => pattern.test(text));
}
