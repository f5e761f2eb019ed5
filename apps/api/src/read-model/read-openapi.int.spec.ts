import { buildOpenApiDocument } from '../openapi';
import { startReadApi, type ReadApi } from './testing/read-api.testing';

interface Operation {
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
}

describe('OpenAPI document of the read endpoints', () => {
  let api: ReadApi;

  beforeAll(async () => {
    api = await startReadApi();
  });
  afterAll(() => api?.close());

  it.each([
    ['/v1/forms', 'application/json'],
    ['/v1/forms/{formId}', 'application/json'],
    ['/v1/forms/{formId}/responses', 'application/json'],
    ['/v1/forms/{formId}/responses.csv', 'text/csv'],
    ['/v1/responses/{responseId}', 'application/json'],
  ])('documents GET %s with an example, read-your-writes and its problems', (path, type) => {
    const document = buildOpenApiDocument(api.app);
    const operation = (document.paths[path] as { get?: Operation } | undefined)?.get;
    expect(operation).toBeDefined();
    expect(operation!.responses['200']!.content![type]!.example).toBeDefined();
    expect(operation!.responses['503']).toBeDefined();
    expect(operation!.responses['404'] ?? operation!.responses['422']).toBeDefined();
    const parameters = operation!.parameters!.map((p) => `${p.in}:${p.name}`);
    expect(parameters).toEqual(
      expect.arrayContaining([
        'header:x-collect-min-position',
        'query:minPosition',
        'query:maxWaitMs',
      ]),
    );
  });
});
