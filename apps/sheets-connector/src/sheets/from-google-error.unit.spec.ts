import { fromGoogleError, retryAfterMs } from './from-google-error';
import { SheetsConnectorError } from './sheets-connector-error';

/** The shape gaxios gives an HTTP error: status, and the response's parsed body and headers. */
function httpError(status: number, data: unknown, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`Request failed with status code ${status}`), {
    status,
    response: { status, data, headers: new Headers(headers) },
  });
}

const googleBody = (code: number, status: string, message: string) => ({
  error: { code, status, message },
});

describe('fromGoogleError', () => {
  it.each([
    [429, 'RESOURCE_EXHAUSTED', "Quota exceeded for quota metric 'Write requests'", 'rate_limited'],
    [500, 'INTERNAL', 'Internal error encountered.', 'unavailable'],
    [503, 'UNAVAILABLE', 'The service is currently unavailable.', 'unavailable'],
  ] as const)('retries HTTP %i (%s) as %s', (status, name, message, code) => {
    const error = fromGoogleError(
      httpError(status, googleBody(status, name, message)),
      'appending',
    );
    expect(error).toMatchObject({ code, retriable: true, permanent: false, httpStatus: status });
    expect(error.message).toBe(`appending: ${message}`);
  });

  it.each([
    [401, 'Request had invalid authentication credentials.', 'invalid_credentials'],
    [403, 'The caller does not have permission', 'access_denied'],
    [404, 'Requested entity was not found.', 'spreadsheet_not_found'],
    [400, "Unable to parse range: 'Gone'!A1", 'sheet_not_found'],
  ] as const)('pauses the integration on HTTP %i "%s" (%s, permanent)', (status, message, code) => {
    expect(fromGoogleError(httpError(status, googleBody(status, 'X', message)), 'x')).toMatchObject(
      {
        code,
        retriable: false,
        permanent: true,
      },
    );
  });

  it.each([
    [
      'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
      'cell_limit_exceeded',
    ],
    [
      'Invalid values[0][1]: Your input contains more than the maximum of 50000 characters in a single cell.',
      'cell_too_long',
    ],
    [
      'Invalid requests[0].addSheet: A sheet with the name "R (2)" already exists. Please enter another name.',
      'sheet_already_exists',
    ],
    ['Request payload size exceeds the limit: 10485760 bytes.', 'request_too_large'],
    ["Invalid value at 'data.values'", 'invalid_request'],
  ] as const)('neither retries nor pauses on 400 "%s" (%s)', (message, code) => {
    expect(
      fromGoogleError(httpError(400, googleBody(400, 'INVALID_ARGUMENT', message)), 'x'),
    ).toMatchObject({
      code,
      retriable: false,
      permanent: false,
    });
  });

  it('reads the token endpoint’s OAuth errors: a refused grant is invalid_credentials', () => {
    const refused = httpError(400, {
      error: 'invalid_grant',
      error_description: 'Invalid JWT Signature.',
    });
    expect(fromGoogleError(refused, 'signing in')).toMatchObject({
      code: 'invalid_credentials',
      permanent: true,
      message: 'signing in: invalid_grant: Invalid JWT Signature.',
    });
    expect(fromGoogleError(httpError(503, 'Service Unavailable'), 'signing in')).toMatchObject({
      code: 'unavailable',
      retriable: true,
    });
  });

  it('treats an old-style 403 rateLimitExceeded as rate_limited, not as revoked access', () => {
    const body = {
      error: {
        code: 403,
        message: 'Rate Limit Exceeded',
        errors: [{ reason: 'rateLimitExceeded' }],
      },
    };
    expect(fromGoogleError(httpError(403, body), 'x')).toMatchObject({
      code: 'rate_limited',
      retriable: true,
    });
  });

  it('keeps Retry-After, in seconds or as an HTTP date', () => {
    expect(fromGoogleError(httpError(429, {}, { 'retry-after': '30' }), 'x').retryAfterMs).toBe(
      30_000,
    );
    expect(
      retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')),
    ).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(fromGoogleError(httpError(429, {}), 'x').retryAfterMs).toBeUndefined();
  });

  it('finds network failures deep in the cause chain, as fetch reports them', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    });
    const wrapped = Object.assign(new Error('request to http://x failed'), { cause: refused });
    expect(fromGoogleError(wrapped, 'x')).toMatchObject({
      code: 'network',
      retriable: true,
      cause: wrapped,
    });
    const timedOut = Object.assign(new Error('The operation was aborted due to timeout'), {
      code: 'TimeoutError',
    });
    expect(fromGoogleError(timedOut, 'x')).toMatchObject({ code: 'timeout', retriable: true });
  });

  it('never retries what it does not recognise (a bug is not an outage)', () => {
    expect(fromGoogleError(new TypeError('x is undefined'), 'x')).toMatchObject({
      code: 'unexpected',
      retriable: false,
      permanent: false,
    });
  });

  it('passes its own errors through unchanged', () => {
    const own = new SheetsConnectorError('sheet_not_found', 'no tab');
    expect(fromGoogleError(own, 'x')).toBe(own);
  });
});
