/** One offending field or item of a 422 (or a per-item batch outcome). */
export interface ProblemFieldError {
  /** JSON Pointer into the request body, e.g. `/answers/3/value`; `` for the body itself. */
  readonly path: string;
  /** Machine-readable, e.g. `too_big`, `unrecognized_key`, `required`. */
  readonly code: string;
  readonly message: string;
}

export interface ApiErrorOptions {
  /** Machine-readable and stable, kebab-case, e.g. `form-closed`; also the problem type's last segment. */
  readonly code: string;
  readonly status: number;
  /** Human-readable explanation of this occurrence (the problem's `detail`). */
  readonly message: string;
  /** Short summary of the problem type; defaults to the HTTP reason phrase. */
  readonly title?: string;
  /** True when the same request may succeed later (503, 429, a lost race). */
  readonly retriable?: boolean;
  /** Sent as `Retry-After` (seconds). */
  readonly retryAfterSeconds?: number;
  /** Per-field problems, sent as the problem's `errors`. */
  readonly errors?: readonly ProblemFieldError[];
  /** Extra members for the problem body (must be safe to show to the client). */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/**
 * The API's one error family: throw it (or convert a foreign error to it once, at the boundary)
 * and the global filter answers with the matching RFC 9457 problem. `status` (not `statusCode`)
 * on purpose: Nest rewrites errors that carry a `statusCode` into plain HttpExceptions.
 */
export class ApiError extends Error {
  override readonly name: string = 'ApiError';
  readonly code: string;
  readonly status: number;
  readonly title: string | undefined;
  readonly retriable: boolean;
  readonly retryAfterSeconds: number | undefined;
  readonly errors: readonly ProblemFieldError[] | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(options: ApiErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.status = options.status;
    this.title = options.title;
    this.retriable = options.retriable ?? (options.status === 503 || options.status === 429);
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.errors = options.errors;
    this.details = options.details;
  }

  static badRequest(code: string, message: string): ApiError {
    return new ApiError({ code, status: 400, message });
  }

  static unauthorized(code: string, message: string): ApiError {
    return new ApiError({ code, status: 401, message });
  }

  static forbidden(code: string, message: string): ApiError {
    return new ApiError({ code, status: 403, message });
  }

  /** Also for another organisation's resources: never reveal that they exist. */
  static notFound(what: string, code = 'not-found'): ApiError {
    return new ApiError({ code, status: 404, message: `${what} was not found` });
  }

  static conflict(code: string, message: string, details?: Record<string, unknown>): ApiError {
    return new ApiError({ code, status: 409, message, details });
  }

  static validation(errors: readonly ProblemFieldError[], message?: string): ApiError {
    return new ApiError({
      code: 'validation-failed',
      status: 422,
      title: 'Validation failed',
      message: message ?? `the request has ${errors.length} invalid field(s)`,
      errors,
    });
  }

  static rateLimited(retryAfterSeconds: number): ApiError {
    return new ApiError({
      code: 'rate-limited',
      status: 429,
      message: `too many requests for this API key; retry after ${retryAfterSeconds} s`,
      retryAfterSeconds,
    });
  }

  static unavailable(code: string, message: string, retryAfterSeconds: number, cause?: unknown) {
    return new ApiError({ code, status: 503, message, retryAfterSeconds, cause });
  }
}
