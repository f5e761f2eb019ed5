import type { SchemaObject } from '@nestjs/swagger';
import { problemType, reasonFor } from '../http/problem';

/** Name of the Problem schema in `components.schemas`. */
export const PROBLEM_SCHEMA_NAME = 'Problem';

/** RFC 9457 problem details as returned by every error response. */
export const problemSchema: SchemaObject = {
  type: 'object',
  description:
    'RFC 9457 problem details. `code` is machine-readable and stable; `type` is https://collect.dev/problems/<code>.',
  required: ['type', 'title', 'status', 'detail', 'instance', 'code'],
  properties: {
    type: { type: 'string', format: 'uri', example: problemType('validation-failed') },
    title: { type: 'string', example: 'Validation failed' },
    status: { type: 'integer', example: 422 },
    detail: { type: 'string', example: 'the request has 1 invalid field(s)' },
    instance: { type: 'string', description: 'the request path', example: '/v1/organisations' },
    code: { type: 'string', example: 'validation-failed' },
    errors: {
      type: 'array',
      description: 'per-field problems (422 and batch outcomes)',
      items: {
        type: 'object',
        required: ['path', 'code', 'message'],
        properties: {
          path: { type: 'string', description: 'JSON Pointer into the body', example: '/nmae' },
          code: { type: 'string', example: 'unrecognized_key' },
          message: { type: 'string', example: 'unknown field "nmae"' },
        },
      },
    },
  },
};

const EXAMPLES: Readonly<Record<number, { code: string; detail: string }>> = {
  400: {
    code: 'malformed-json',
    detail: 'the body is not valid JSON: Unexpected end of JSON input',
  },
  401: { code: 'invalid-api-key', detail: 'the API key is missing, malformed, unknown or revoked' },
  403: { code: 'missing-scope', detail: 'this API key lacks the scope forms:write' },
  404: { code: 'not-found', detail: 'form 7d1c… was not found' },
  409: { code: 'conflict', detail: 'the resource changed since the version you sent' },
  413: { code: 'payload-too-large', detail: 'Request body is too large' },
  415: { code: 'unsupported-media-type', detail: 'Unsupported Media Type: text/plain' },
  422: { code: 'validation-failed', detail: 'the request has 1 invalid field(s)' },
  429: { code: 'rate-limited', detail: 'too many requests for this API key; retry after 1 s' },
  503: { code: 'unavailable', detail: 'Kafka did not acknowledge the event; retry later' },
};

/** An example problem body for `status`, used by ApiProblemResponses. */
export function problemExample(status: number): Record<string, unknown> {
  const example = EXAMPLES[status] ?? {
    code: reasonFor(status).code,
    detail: reasonFor(status).title,
  };
  return {
    type: problemType(example.code),
    title: reasonFor(status).title,
    status,
    detail: example.detail,
    instance: '/v1/…',
    code: example.code,
    ...(status === 422
      ? { errors: [{ path: '/nmae', code: 'unrecognized_key', message: 'unknown field "nmae"' }] }
      : {}),
  };
}
