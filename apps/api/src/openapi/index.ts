export { ApiEmptyResponse, ApiJsonBody, ApiJsonResponse, ApiProblemResponses } from './decorators';
export { PROBLEM_SCHEMA_NAME, problemSchema } from './problem-schema';
export { ADMIN_KEY_SCHEME, BEARER_KEY_SCHEME, HEADER_KEY_SCHEME } from './security-schemes';
export { buildOpenApiDocument, setupOpenApi } from './setup-openapi';
export { openApiSchema } from './zod-schema';
