/**
 * What went wrong talking to Google Sheets, by what the caller should do about it:
 * - retriable: the same request may succeed later; back off and retry (quota, 5xx, network, timeout).
 * - permanent: the integration's target is unusable until a person fixes it (spreadsheet deleted,
 *   access revoked, credentials invalid, tab gone); pause it and say why, do not drop responses.
 * - neither: this request can never succeed as it is (cell limit reached, cell too long, a
 *   malformed request); the caller changes what it sends (a new tab, truncated cells) or it is a bug.
 */
export type SheetsErrorCode =
  | 'rate_limited'
  | 'unavailable'
  | 'network'
  | 'timeout'
  /** Another replica held the spreadsheet's writer lock for longer than the connector waits. */
  | 'spreadsheet_busy'
  | 'spreadsheet_not_found'
  | 'sheet_not_found'
  | 'access_denied'
  | 'invalid_credentials'
  | 'sheet_already_exists'
  | 'cell_limit_exceeded'
  | 'cell_too_long'
  | 'request_too_large'
  | 'invalid_request'
  | 'unexpected_response'
  | 'unexpected';

const RETRIABLE: ReadonlySet<SheetsErrorCode> = new Set([
  'rate_limited',
  'unavailable',
  'network',
  'timeout',
  'spreadsheet_busy',
]);
const PERMANENT: ReadonlySet<SheetsErrorCode> = new Set([
  'spreadsheet_not_found',
  'sheet_not_found',
  'access_denied',
  'invalid_credentials',
]);

/** The sheets connector's error family: code, retriable, permanent, the cause, and Retry-After when Google sent one. */
export class SheetsConnectorError extends Error {
  override readonly name = 'SheetsConnectorError';
  readonly retriable: boolean;
  readonly permanent: boolean;

  constructor(
    readonly code: SheetsErrorCode,
    message: string,
    readonly details: {
      readonly cause?: unknown;
      /** HTTP status of Google's answer, when there was one. */
      readonly httpStatus?: number;
      /** From a Retry-After header: wait at least this long before the next request. */
      readonly retryAfterMs?: number;
    } = {},
  ) {
    super(message, { cause: details.cause });
    this.retriable = RETRIABLE.has(code);
    this.permanent = PERMANENT.has(code);
  }

  get httpStatus(): number | undefined {
    return this.details.httpStatus;
  }

  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
}
