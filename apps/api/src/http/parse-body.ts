import { type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ApiError } from './api-error';
import { zodIssuesToFieldErrors } from './zod-issues';

/**
 * Parses `body` with `schema` (use `z.strictObject` so unknown fields are refused); on failure
 * throws a 422 ApiError with one entry per issue (path as a JSON Pointer, zod's code, message).
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw ApiError.validation(zodIssuesToFieldErrors(result.error.issues));
}

/** `@Body(new ZodBodyPipe(schema)) body: z.output<typeof schema>`: parseBody as a Nest pipe. */
export class ZodBodyPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    return parseBody(this.schema, value);
  }
}
