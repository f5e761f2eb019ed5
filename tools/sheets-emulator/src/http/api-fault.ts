/** The canonical status names Google's JSON errors carry (google.rpc.Code). */
export type GoogleStatus =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL'
  | 'UNAVAILABLE';

const HTTP_STATUS: Record<GoogleStatus, number> = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** `{ error: { code, message, status, details } }`: the body of every Google API error. */
export interface GoogleErrorBody {
  readonly error: {
    readonly code: number;
    readonly message: string;
    readonly status: GoogleStatus;
    readonly details?: readonly Record<string, unknown>[];
  };
}

/**
 * An error the emulated API answers with, shaped as Google shapes it. Thrown by the model and
 * the request pipeline; the HTTP layer turns it into the response.
 */
export class ApiFault extends Error {
  override readonly name = 'ApiFault';
  readonly httpStatus: number;

  constructor(
    readonly status: GoogleStatus,
    message: string,
    readonly details: readonly Record<string, unknown>[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.httpStatus = HTTP_STATUS[status];
  }

  body(): GoogleErrorBody {
    return {
      error: {
        code: this.httpStatus,
        message: this.message,
        status: this.status,
        ...(this.details.length > 0 ? { details: this.details } : {}),
      },
    };
  }
}

export const faults = {
  invalid: (message: string) => new ApiFault('INVALID_ARGUMENT', message),
  notFound: () => new ApiFault('NOT_FOUND', 'Requested entity was not found.'),
  permissionDenied: () => new ApiFault('PERMISSION_DENIED', 'The caller does not have permission'),
  insufficientScopes: () =>
    new ApiFault('PERMISSION_DENIED', 'Request had insufficient authentication scopes.'),
  missingCredentials: () =>
    new ApiFault(
      'UNAUTHENTICATED',
      'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    ),
  invalidCredentials: () =>
    new ApiFault(
      'UNAUTHENTICATED',
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    ),
  unavailable: () => new ApiFault('UNAVAILABLE', 'The service is currently unavailable.'),
  internal: () => new ApiFault('INTERNAL', 'Internal error encountered.'),
};
