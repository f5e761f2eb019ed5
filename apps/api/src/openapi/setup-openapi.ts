import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { documentSubmission } from '../responses/submission-docs';
import { documentHealth } from './health-docs';
import { PROBLEM_SCHEMA_NAME, problemSchema } from './problem-schema';
import { ADMIN_KEY_SCHEME, BEARER_KEY_SCHEME, HEADER_KEY_SCHEME } from './security-schemes';

/** The OpenAPI 3 document of every controller in the app. */
export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Collect API')
    .setDescription(
      'Forms, questions and response submission. Authenticate with an API key as ' +
        '`Authorization: Bearer ck_…` or `X-Api-Key: ck_…`; organisation endpoints take the admin key. ' +
        'Every error is an RFC 9457 `application/problem+json` body.',
    )
    .setVersion('1')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'an API key: `Bearer ck_<keyId>_<secret>`' },
      BEARER_KEY_SCHEME,
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-Api-Key',
        description: 'the same API key, in a header of its own',
      },
      HEADER_KEY_SCHEME,
    )
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'the bootstrap admin key (API_ADMIN_KEY)' },
      ADMIN_KEY_SCHEME,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: problemSchema },
  };
  documentHealth(document);
  documentSubmission(document);
  return document;
}

/** `GET /openapi.json` (the document) and, with `swaggerUi`, `GET /docs` (Swagger UI). */
export function setupOpenApi(app: NestFastifyApplication, options: { swaggerUi: boolean }): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    ui: options.swaggerUi,
  });
}
