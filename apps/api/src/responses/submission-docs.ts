import type { OpenAPIObject } from '@nestjs/swagger';
import { problemResponse } from '../openapi/decorators';
import { BEARER_KEY_SCHEME, HEADER_KEY_SCHEME } from '../openapi/security-schemes';
import { openApiSchema } from '../openapi/zod-schema';
import { responseExamples as examples } from './response-examples';
import { acceptedResponseView, submitResponseBody } from './response-request';

/**
 * The single submission is a plain Fastify route (submission-route.ts), which Nest's OpenAPI
 * scanner does not see; this describes it in the document, from the same schemas and examples.
 */
export function documentSubmission(document: OpenAPIObject): void {
  const path = '/v1/forms/{formId}/responses';
  document.paths[path] = {
    ...document.paths[path],
    post: {
      tags: ['responses'],
      operationId: 'submitResponse',
      summary: 'Submit a response',
      description:
        "Validates the answers against the form's published version and answers 202 once the response is stored in the event log (Kafka acknowledged it). With an Idempotency-Key, a retry (same key, same body) returns the first 202 and stores nothing twice; the same key with another body is 422 idempotency-key-reused; a retry while the first is still in flight waits for it (409 idempotency-key-in-progress if it takes too long). Rejections (404, 409, 422, 503) are not remembered: a retry with the same key is evaluated afresh. 503 (Kafka unavailable, Retry-After) is safe to retry with the same key. Needs the scope responses:write.",
      security: [{ [BEARER_KEY_SCHEME]: [] }, { [HEADER_KEY_SCHEME]: [] }],
      parameters: [
        {
          name: 'formId',
          in: 'path',
          required: true,
          schema: { type: 'string', format: 'uuid' },
          example: examples.formId,
        },
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            '1-255 visible ASCII characters, unique per response (a UUID); remembered 24 h',
          schema: { type: 'string' },
        },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: openApiSchema(submitResponseBody, 'input'),
            examples: { example: { value: examples.submission } },
          },
        },
      },
      responses: {
        '202': {
          description: 'stored; the response id',
          content: {
            'application/json': {
              schema: openApiSchema(acceptedResponseView, 'output'),
              example: examples.accepted,
            },
          },
        },
        ...Object.fromEntries(
          [400, 401, 403, 404, 409, 413, 415, 422, 429, 503].map((status) => [
            String(status),
            problemResponse(status),
          ]),
        ),
      },
    },
  };
}
