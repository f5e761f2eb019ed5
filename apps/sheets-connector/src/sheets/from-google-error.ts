import { SheetsConnectorError, type SheetsErrorCode } from './sheets-connector-error';

/** The parts of a gaxios error (what googleapis and google-auth-library throw) we read. */
interface GaxiosLike {
  readonly message?: unknown;
  readonly status?: unknown;
  readonly code?: unknown;
  readonly cause?: unknown;
  readonly response?: {
    readonly status?: unknown;
    readonly data?: unknown;
    readonly headers?: unknown;
  };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'TimeoutError',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
]);
/** OAuth token endpoint errors meaning the credentials themselves are bad (RFC 6749 §5.2). */
const BAD_GRANT = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

/**
 * The one place a googleapis / google-auth-library / network error becomes a
 * SheetsConnectorError. `doing` says what was attempted, for the message.
 */
export function fromGoogleError(error: unknown, doing: string): SheetsConnectorError {
  if (error instanceof SheetsConnectorError) return error;
  const failure = (error ?? {}) as GaxiosLike;
  const status = numberOr(failure.status) ?? numberOr(failure.response?.status);
  if (status !== undefined) {
    const data = failure.response?.data;
    const message = googleMessage(data) ?? stringOr(failure.message) ?? `HTTP ${status}`;
    return new SheetsConnectorError(classifyStatus(status, message, data), `${doing}: ${message}`, {
      cause: error,
      httpStatus: status,
      retryAfterMs: retryAfterMs(header(failure.response?.headers, 'retry-after')),
    });
  }
  const codes = causeCodes(error);
  const text = stringOr(failure.message) ?? String(error);
  const code: SheetsErrorCode =
    codes.some((c) => TIMEOUT_CODES.has(c)) || /timed? ?out/i.test(text)
      ? 'timeout'
      : codes.some((c) => NETWORK_CODES.has(c)) ||
          /fetch failed|socket hang up|other side closed/i.test(text)
        ? 'network'
        : 'unexpected';
  return new SheetsConnectorError(code, `${doing}: ${text}`, { cause: error });
}

function classifyStatus(status: number, message: string, data: unknown): SheetsErrorCode {
  if (status === 429 || /rateLimitExceeded|RATE_LIMIT_EXCEEDED/.test(reasons(data)))
    return 'rate_limited';
  if (status >= 500) return 'unavailable';
  if (status === 408) return 'timeout';
  if (status === 401 || BAD_GRANT.has(oauthError(data) ?? '')) return 'invalid_credentials';
  if (status === 403) return 'access_denied';
  if (status === 404) return 'spreadsheet_not_found';
  if (status === 413 || /payload size exceeds the limit/i.test(message)) return 'request_too_large';
  if (/above the limit of \d+ cells/i.test(message)) return 'cell_limit_exceeded';
  if (/maximum of \d+ characters in a single cell/i.test(message)) return 'cell_too_long';
  if (/Unable to parse range/i.test(message)) return 'sheet_not_found';
  if (/already exists/i.test(message)) return 'sheet_already_exists';
  return 'invalid_request';
}

/** `{ error: { message } }` from the API, `{ error, error_description }` from the token endpoint. */
function googleMessage(data: unknown): string | undefined {
  const error = (data as { error?: unknown } | undefined)?.error;
  if (typeof error === 'string') {
    const description = (data as { error_description?: unknown }).error_description;
    return typeof description === 'string' ? `${error}: ${description}` : error;
  }
  return stringOr((error as { message?: unknown } | undefined)?.message);
}

function oauthError(data: unknown): string | undefined {
  return stringOr((data as { error?: unknown } | undefined)?.error);
}

function reasons(data: unknown): string {
  const details = (data as { error?: { details?: unknown; errors?: unknown } } | undefined)?.error;
  return JSON.stringify([details?.details ?? [], details?.errors ?? []]);
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function')
    return (headers as Headers).get(name) ?? undefined;
  return stringOr((headers as Record<string, unknown>)[name]);
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Error codes along the cause chain: fetch hides ECONNREFUSED two causes deep. */
function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, name, cause } = current as { code?: unknown; name?: unknown; cause?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof name === 'string') codes.push(name);
    current = cause;
  }
  return codes;
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
