import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setupOpenApi } from '../openapi/setup-openapi';
import { installJsonBodyParser, type BodyLimits } from './json-body-parser';
import { ProblemFilter } from './problem.filter';

export interface HttpOptions extends BodyLimits {
  /** Serve the OpenAPI document at `/openapi.json` (default true). */
  readonly openApi?: boolean;
  /**
   * Also serve Swagger UI at `/docs` (default false). Its static files come through
   * @fastify/static, which loads an ESM-only dependency: fine in Node, impossible in Jest's module
   * system, so in-process tests leave it off and the e2e test checks it.
   */
  readonly swaggerUi?: boolean;
}

/**
 * What the API's HTTP layer adds to a Nest Fastify app before it listens: problem+json for every
 * error, JSON-only bodies with size and depth limits, and the OpenAPI document. main.ts and
 * in-process tests call it the same way.
 */
export function configureHttp(app: NestFastifyApplication, options: HttpOptions): void {
  app.useGlobalFilters(new ProblemFilter());
  installJsonBodyParser(app, options);
  if (options.openApi !== false) setupOpenApi(app, { swaggerUi: options.swaggerUi ?? false });
}
