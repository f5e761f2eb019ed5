import { buildOpenApiDocument } from '../openapi';
import { startIntegrationsApi, type IntegrationsApi } from './integrations-api.testing';

interface Operation {
  requestBody?: { content: Record<string, { examples?: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
}

describe('OpenAPI document of the integrations endpoints', () => {
  let api: IntegrationsApi;

  beforeAll(async () => {
    api = await startIntegrationsApi();
  });
  afterAll(() => api?.close());

  it.each([
    ['post', '/v1/forms/{formId}/integrations', '201', true],
    ['get', '/v1/forms/{formId}/integrations', '200', false],
    ['get', '/v1/integrations/{integrationId}', '200', false],
    ['patch', '/v1/integrations/{integrationId}', '200', true],
    ['post', '/v1/integrations/{integrationId}/pause', '200', true],
    ['post', '/v1/integrations/{integrationId}/resume', '200', true],
    ['delete', '/v1/integrations/{integrationId}', '200', false],
    ['post', '/v1/integrations/{integrationId}/replay', '202', true],
    ['get', '/v1/integrations/{integrationId}/dead-letters', '200', false],
    ['post', '/v1/integrations/{integrationId}/dead-letters/redrive', '202', true],
  ] as const)('documents %s %s with examples and its problems', (method, path, status, body) => {
    const document = buildOpenApiDocument(api.app);
    const operation = (document.paths[path] as Record<string, Operation | undefined> | undefined)?.[
      method
    ];
    expect(operation).toBeDefined();
    expect(operation!.responses[status]!.content!['application/json']!.example).toBeDefined();
    expect(operation!.responses['404']).toBeDefined();
    expect(operation!.responses['401']).toBeDefined();
    if (body) {
      expect(operation!.requestBody!.content['application/json']!.examples).toBeDefined();
    }
  });

  it('shows every secret in a response example as "[redacted]"', () => {
    const document = buildOpenApiDocument(api.app);
    const examples = Object.entries(document.paths)
      .filter(([path]) => path.includes('integrations'))
      .flatMap(([, item]) => Object.values(item as Record<string, Operation>))
      .flatMap((operation) => Object.values(operation.responses ?? {}))
      .map((response) => JSON.stringify(response.content?.['application/json']?.example ?? null));
    const secrets = examples.flatMap((text) =>
      [...text.matchAll(/"serviceAccountKey":"([^"]*)"/g)].map((match) => match[1]),
    );
    expect(secrets.length).toBeGreaterThan(5);
    expect(new Set(secrets)).toEqual(new Set(['[redacted]']));
  });
});
