import { HttpException } from '@nestjs/common';
import { z } from 'zod';
import { ApiError, type ProblemFieldError } from './api-error';
import { zodIssuesToFieldErrors } from './zod-issues';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://collect.dev/problems/';

/** RFC 9457 problem details, plus a machine-readable `code` and per-field `errors`. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: string;
  readonly errors?: readonly ProblemFieldError[];
  readonly [extension: string]: unknown;
}

export interface ProblemReply {
  readonly status: number;
  readonly body: Problem;
  readonly headers: Readonly<Record<string, string>>;
  /** `error` for bugs (unknown errors), `warn` for expected server-side trouble, else not logged. */
  readonly log: 'error' | 'warn' | undefined;
}

const REASONS: Readonly<Record<number, { title: string; code: string }>> = {
  400: { title: 'Bad Request', code: 'bad-request' },
  401: { title: 'Unauthorized', code: 'unauthorized' },
  403: { title: 'Forbidden', code: 'forbidden' },
  404: { title: 'Not Found', code: 'not-found' },
  405: { title: 'Method Not Allowed', code: 'method-not-allowed' },
  406: { title: 'Not Acceptable', code: 'not-acceptable' },
  408: { title: 'Request Timeout', code: 'request-timeout' },
  409: { title: 'Conflict', code: 'conflict' },
  411: { title: 'Length Required', code: 'length-required' },
  413: { title: 'Content Too Large', code: 'payload-too-large' },
  414: { title: 'URI Too Long', code: 'uri-too-long' },
  415: { title: 'Unsupported Media Type', code: 'unsupported-media-type' },
  422: { title: 'Unprocessable Content', code: 'validation-failed' },
  429: { title: 'Too Many Requests', code: 'rate-limited' },
  431: { title: 'Request Header Fields Too Large', code: 'headers-too-large' },
  500: { title: 'Internal Server Error', code: 'internal' },
  503: { title: 'Service Unavailable', code: 'unavailable' },
};

/** Fastify's own request errors whose code says more than their status. */
const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: 'empty-json-body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid-content-length',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported-media-type',
};

const INTERNAL_DETAIL = 'an unexpected error occurred; it has been logged';

export function problemType(code: string): string {
  return `${PROBLEM_TYPE_BASE}${code}`;
}

export function reasonFor(status: number): { title: string; code: string } {
  return REASONS[status] ?? (status >= 500 ? REASONS[500]! : REASONS[400]!);
}

/**
 * The problem answering `error` at `instance` (the request path). Pure: the filter writes it.
 * Client mistakes keep their 4xx; anything unrecognised is a 500 without internals.
 */
export function toProblem(error: unknown, instance: string): ProblemReply {
  if (error instanceof ApiError) return fromApiError(error, instance);
  if (error instanceof z.core.$ZodError) {
    return fromApiError(ApiError.validation(zodIssuesToFieldErrors(error.issues)), instance);
  }
  if (error instanceof HttpException) return fromHttpException(error, instance);
  const client = asClientHttpError(error);
  if (client) return reply(client.status, client.code, client.message, instance);
  return { ...reply(500, 'internal', INTERNAL_DETAIL, instance), log: 'error' };
}

function fromApiError(error: ApiError, instance: string): ProblemReply {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
  }
  const base = reply(error.status, error.code, error.message, instance);
  return {
    status: base.status,
    headers,
    log: error.status >= 500 ? 'warn' : undefined,
    body: {
      ...error.details,
      ...base.body,
      title: error.title ?? base.body.title,
      ...(error.errors ? { errors: error.errors } : {}),
    },
  };
}

function fromHttpException(error: HttpException, instance: string): ProblemReply {
  const status = error.getStatus();
  if (status >= 500)
    return { ...reply(status, reasonFor(status).code, INTERNAL_DETAIL, instance), log: 'error' };
  const response = error.getResponse();
  const code =
    typeof response === 'object' && typeof (response as { code?: unknown }).code === 'string'
      ? (response as { code: string }).code
      : reasonFor(status).code;
  return reply(status, code, error.message, instance);
}

/** Fastify's (and body parsers') errors: a 4xx `statusCode`, sometimes a FST_ code. */
function asClientHttpError(
  error: unknown,
): { status: number; code: string; message: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  const { statusCode, status, code } = error as Error & {
    statusCode?: unknown;
    status?: unknown;
    code?: unknown;
  };
  const httpStatus = typeof statusCode === 'number' ? statusCode : status;
  if (typeof httpStatus !== 'number' || httpStatus < 400 || httpStatus > 499) return undefined;
  const known = typeof code === 'string' ? FASTIFY_CODES[code] : undefined;
  const syntax = error instanceof SyntaxError ? 'malformed-json' : undefined;
  return {
    status: httpStatus,
    code: known ?? syntax ?? reasonFor(httpStatus).code,
    message: error.message,
  };
}

function reply(status: number, code: string, detail: string, instance: string): ProblemReply {
  return {
    status,
    headers: {},
    log: undefined,
    body: {
      type: problemType(code),
      title: reasonFor(status).title,
      status,
      detail,
      instance,
      code,
    },
  };
}
