import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiError } from './api-error';
import { exceedsJsonDepth } from './json-depth';

export interface BodyLimits {
  /** Largest body in bytes; Fastify answers 413 above it before reading the rest. */
  readonly bodyLimitBytes: number;
  /** Deepest nesting of objects/arrays; 400 `json-too-deep` above it. */
  readonly jsonMaxDepth: number;
}

/**
 * Makes `application/json` the only body the API reads: every other content type answers 415
 * (Fastify's own text/plain parser and Nest's urlencoded one are removed). JSON is parsed by
 * Fastify's secure-json-parse (`__proto__` / `constructor.prototype` refused) after a depth check.
 */
export function installJsonBodyParser(app: NestFastifyApplication, limits: BodyLimits): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser(
    'application/json',
    { bodyLimit: limits.bodyLimitBytes },
    (request, body, done) => {
      const text = body.toString('utf8');
      if (exceedsJsonDepth(text, limits.jsonMaxDepth)) {
        done(jsonTooDeep(limits.jsonMaxDepth), undefined);
        return;
      }
      void parseJson(request as Parameters<typeof parseJson>[0], text, (error, value) => {
        if (error) done(malformedJson(error), undefined);
        else done(null, value);
      });
    },
  );
}

function jsonTooDeep(maxDepth: number): ApiError {
  return ApiError.badRequest(
    'json-too-deep',
    `the JSON body nests objects or arrays more than ${maxDepth} levels deep`,
  );
}

function malformedJson(error: Error): ApiError {
  const empty = (error as { code?: unknown }).code === 'FST_ERR_CTP_EMPTY_JSON_BODY';
  return empty
    ? ApiError.badRequest('empty-json-body', 'the body is empty but Content-Type says JSON')
    : new ApiError({
        code: 'malformed-json',
        status: 400,
        message: `the body is not valid JSON: ${error.message}`,
      });
}
