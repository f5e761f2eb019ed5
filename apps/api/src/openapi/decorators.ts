import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { PROBLEM_CONTENT_TYPE, reasonFor } from '../http/problem';
import { PROBLEM_SCHEMA_NAME, problemExample } from './problem-schema';
import { openApiSchema } from './zod-schema';

/** Documents a JSON request body from its zod schema, with an example. */
export function ApiJsonBody(schema: z.ZodType, example: unknown): MethodDecorator {
  return ApiBody({
    required: true,
    schema: openApiSchema(schema, 'input'),
    examples: { example: { value: example } },
  });
}

/** Documents a JSON success response from its zod schema, with an example. */
export function ApiJsonResponse(
  status: number,
  schema: z.ZodType,
  example: unknown,
  description = reasonFor(status).title,
): MethodDecorator & ClassDecorator {
  return ApiResponse({
    status,
    description,
    content: {
      'application/json': { schema: openApiSchema(schema, 'output'), example },
    },
  });
}

/** Documents a response without a body (e.g. 204). */
export function ApiEmptyResponse(
  status: number,
  description: string,
): MethodDecorator & ClassDecorator {
  return ApiResponse({ status, description });
}

/** One error response as an `application/problem+json` body of the shared Problem schema. */
export function problemResponse(status: number) {
  return {
    description: `${reasonFor(status).title} (problem details)`,
    ...(status === 429 || status === 503
      ? {
          headers: {
            'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' as const } },
          },
        }
      : {}),
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` },
        example: problemExample(status),
      },
    },
  };
}

/** Documents error responses as `application/problem+json` bodies of the shared Problem schema. */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })),
  );
}
