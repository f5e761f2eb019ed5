import {
  startApp,
  waitForReadyStatus,
  type RunningApp,
} from '../../../../test/support/app-process';
import { uniqueName } from '../../../../test/support/names';
import { stackEnv } from '../../../../test/support/stack-env';

const ADMIN_KEY = `e2e-admin-${'a'.repeat(32)}`;

describe('collect-api as a process: HTTP layer, admin key and docs', () => {
  let api: RunningApp;

  beforeAll(async () => {
    const env = stackEnv();
    api = await startApp('api', {
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: env.schemaRegistryUrl,
      DATABASE_URL: env.databaseUrl,
      DATABASE_PASSWORD: env.databasePassword,
      API_ADMIN_KEY: ADMIN_KEY,
      API_BODY_LIMIT_BYTES: String(16 * 1024),
    });
    await waitForReadyStatus(api, 200);
  });

  afterAll(() => api?.child.kill('SIGKILL'));

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ADMIN_KEY}`,
        'content-type': 'application/json',
        ...headers,
      },
      body,
    });

  it('creates an organisation and an API key with the admin key from its configuration', async () => {
    const org = await post('/v1/organisations', JSON.stringify({ name: uniqueName('org') }));
    expect(org.status).toBe(201);
    const { orgId } = (await org.json()) as { orgId: string };
    const key = await post(
      `/v1/organisations/${orgId}/api-keys`,
      JSON.stringify({ name: 'k', scopes: ['forms:read'] }),
    );
    expect(key.status).toBe(201);
    expect(((await key.json()) as { key: string }).key).toMatch(/^ck_/);
  });

  it.each([
    [
      'a too-large body',
      413,
      () => post('/v1/organisations', JSON.stringify({ name: 'x'.repeat(20_000) })),
    ],
    [
      'a wrong content type',
      415,
      () => post('/v1/organisations', 'name=x', { 'content-type': 'text/plain' }),
    ],
    ['malformed JSON', 400, () => post('/v1/organisations', '{"name":')],
    ['an unknown field', 422, () => post('/v1/organisations', '{"name":"x","admin":true}')],
    ['no admin key', 401, () => post('/v1/organisations', '{"name":"x"}', { authorization: '' })],
    ['an unknown route', 404, () => fetch(`${api.url}/v1/nowhere`)],
  ])('answers %s with a problem+json %i and stays up', async (_what, status, send) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problemType: unknown = expect.stringMatching(/^https:\/\/collect\.dev\/problems\//);
    expect(await response.json()).toMatchObject({ status, type: problemType });
    expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
  });

  it('serves the OpenAPI document at /openapi.json and Swagger UI at /docs', async () => {
    const document = (await (await fetch(`${api.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(document.openapi).toMatch(/^3\./);
    expect(document.paths).toHaveProperty(['/v1/organisations']);
    const docs = await fetch(`${api.url}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
  });
});
