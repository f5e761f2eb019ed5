import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import { exceedsJsonDepth } from './json-depth';
import { JsonText, parseJsonText } from './json-text';

export interface BodyLimits {
  /** Largest body in bytes; Fastify answers 413 above it before reading the rest. */
  readonly bodyLimitBytes: number;
  /** Deepest nesting of objects/arrays; 400 `json-too-deep` above it. */
  readonly jsonMaxDepth: number;
}

/**
 * Route config of a route that reads its JSON body later, as a `JsonText` (`parseJsonText`):
 * `{ config: jsonAsText }`. The size and depth limits still apply before the handler runs.
 */
export const jsonAsText = { jsonBody: 'text' } as const;

/**
 * Makes `application/json` the only body the API reads: every other content type answers 415
 * (Fastify's own text/plain parser and Nest's urlencoded one are removed). JSON is parsed by
 * secure-json-parse (`__proto__` / `constructor.prototype` refused) after a depth check; routes
 * configured with `jsonAsText` get the checked text instead.
 */
export function installJsonBodyParser(app: NestFastifyApplication, limits: BodyLimits): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  app.useBodyParser(
    'application/json',
    { bodyLimit: limits.bodyLimitBytes },
    (request, body, done) => {
      const text = body.toString('utf8');
      if (exceedsJsonDepth(text, limits.jsonMaxDepth)) {
        done(jsonTooDeep(limits.jsonMaxDepth), undefined);
        return;
      }
      try {
        done(null, wantsText(request) ? new JsonText(text) : parseJsonText(text));
      } catch (error) {
        done(error as ApiError, undefined);
      }
    },
  );
}

function wantsText(request: Pick<FastifyRequest, 'routeOptions'>): boolean {
  return (request.routeOptions.config as { jsonBody?: unknown }).jsonBody === jsonAsText.jsonBody;
}

function jsonTooDeep(maxDepth: number): ApiError {
  return ApiError.badRequest(
    'json-too-deep',
    `the JSON body nests objects or arrays more than ${maxDepth} levels deep`,
  );
}
