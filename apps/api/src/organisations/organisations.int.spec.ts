import { HealthModule, Secret } from '@collect/platform';
import { DatabaseModule } from '@collect/database';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { resolve } from 'node:path';
import { z } from 'zod';
import { uniqueName } from '../../../../test/support/names';
import { stackEnv } from '../../../../test/support/stack-env';
import { type AuthContext, CurrentAuth, RequireScopes } from '../auth';
import { AuthModule } from '../auth/auth.module';
import { configureHttp, parseBody } from '../http';
import { OrganisationsModule } from './organisations.module';

const ADMIN_KEY = `int-admin-${'k'.repeat(32)}`;
const BURST = 150;

@Controller('v1/probe')
class ProbeController {
  @Get()
  @RequireScopes('forms:read')
  read(@CurrentAuth() auth: AuthContext): AuthContext {
    return auth;
  }

  @Post()
  @HttpCode(200)
  @RequireScopes('forms:write')
  write(@Body() body: unknown): unknown {
    return parseBody(z.strictObject({ title: z.string().max(100) }), body);
  }
}

let app: NestFastifyApplication;

const anyText: unknown = expect.any(String);
const textMatching = (pattern: RegExp): unknown => expect.stringMatching(pattern);

/** The members of response bodies these tests read. */
interface Reply {
  readonly [member: string]: unknown;
  readonly code?: string;
  readonly orgId?: string;
  readonly items?: readonly { keyId: string; revokedAt: string | null }[];
  readonly errors?: readonly unknown[];
}

beforeAll(async () => {
  const env = stackEnv();
  const moduleRef = await Test.createTestingModule({
    imports: [
      HealthModule,
      DatabaseModule.forRoot({
        connectionString: env.databaseUrl,
        password: new Secret(env.databasePassword),
        applicationName: 'collect-api-int',
        migrations: {
          directory: resolve(__dirname, '../../migrations'),
          table: 'api_schema_migrations',
        },
      }),
      AuthModule.forRoot({
        adminKey: new Secret(ADMIN_KEY),
        keyCacheTtlMs: 30_000,
        rateLimit: { perSecond: 1, burst: BURST },
      }),
      OrganisationsModule,
    ],
    controllers: [ProbeController],
  }).compile();
  app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
  });
  configureHttp(app, { bodyLimitBytes: 64 * 1024, jsonMaxDepth: 32 });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
});

afterAll(() => app?.close());

interface Call {
  method?: 'GET' | 'POST' | 'DELETE';
  url: string;
  key?: string;
  body?: unknown;
  headers?: Record<string, string>;
  payload?: string;
}

async function call({ method = 'GET', url, key, body, headers, payload }: Call) {
  const response = await app.inject({
    method,
    url,
    headers: {
      ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    payload: payload ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    json: () => response.json<Reply>(),
  };
}

function expectProblem(response: Awaited<ReturnType<typeof call>>, status: number, code: string) {
  expect({ status: response.status, code: response.json().code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json()).toMatchObject({
    type: `https://collect.dev/problems/${code}`,
    status,
    title: anyText,
    detail: anyText,
    instance: textMatching(/^\//),
  });
}

async function newOrganisation(): Promise<string> {
  const response = await call({
    method: 'POST',
    url: '/v1/organisations',
    key: ADMIN_KEY,
    body: { name: uniqueName('org') },
  });
  expect(response.status).toBe(201);
  return response.json().orgId!;
}

async function newKey(orgId: string, scopes: string[]): Promise<{ key: string; keyId: string }> {
  const response = await call({
    method: 'POST',
    url: `/v1/organisations/${orgId}/api-keys`,
    key: ADMIN_KEY,
    body: { name: uniqueName('key'), scopes },
  });
  expect(response.status).toBe(201);
  return response.json() as unknown as { key: string; keyId: string };
}

describe('organisations and API keys, with the admin key', () => {
  it('creates an organisation and a key shown once, listed later without its secret', async () => {
    const orgId = await newOrganisation();
    expect(orgId).toMatch(/^[0-9a-f-]{36}$/);
    const created = await newKey(orgId, ['forms:read', 'responses:write']);
    expect(created).toMatchObject({ orgId, scopes: ['forms:read', 'responses:write'] });
    expect(created.key).toMatch(new RegExp(`^ck_${created.keyId}_[A-Za-z0-9_-]{43}$`));

    const listed = await call({ url: `/v1/organisations/${orgId}/api-keys`, key: ADMIN_KEY });
    expect(listed.status).toBe(200);
    expect(listed.json().items).toEqual([
      expect.objectContaining({ keyId: created.keyId, revokedAt: null }),
    ]);
    expect(JSON.stringify(listed.json())).not.toContain(created.key.slice(28));
  });

  it('answers 404 for an unknown or forged organisation and key id', async () => {
    const orgId = await newOrganisation();
    expectProblem(
      await call({ url: `/v1/organisations/${crypto.randomUUID()}/api-keys`, key: ADMIN_KEY }),
      404,
      'not-found',
    );
    expectProblem(
      await call({ url: "/v1/organisations/1'%20OR%201=1/api-keys", key: ADMIN_KEY }),
      404,
      'not-found',
    );
    expectProblem(
      await call({
        method: 'POST',
        url: `/v1/organisations/${crypto.randomUUID()}/api-keys`,
        key: ADMIN_KEY,
        body: { name: 'k', scopes: ['forms:read'] },
      }),
      404,
      'not-found',
    );
    expectProblem(
      await call({
        method: 'DELETE',
        url: `/v1/organisations/${orgId}/api-keys/${'0'.repeat(24)}`,
        key: ADMIN_KEY,
      }),
      404,
      'not-found',
    );
  });

  it('refuses unknown scopes and unknown fields with 422 naming them', async () => {
    const orgId = await newOrganisation();
    const badScope = await call({
      method: 'POST',
      url: `/v1/organisations/${orgId}/api-keys`,
      key: ADMIN_KEY,
      body: { name: 'k', scopes: ['admin'] },
    });
    expectProblem(badScope, 422, 'validation-failed');
    expect(badScope.json().errors).toEqual([expect.objectContaining({ path: '/scopes/0' })]);

    const extra = await call({
      method: 'POST',
      url: '/v1/organisations',
      key: ADMIN_KEY,
      body: { name: 'x', orgId: 'mine' },
    });
    expectProblem(extra, 422, 'validation-failed');
    expect(extra.json().errors).toEqual([
      { path: '/orgId', code: 'unrecognized_key', message: 'unknown field "orgId"' },
    ]);
  });
});

describe('the auth contract', () => {
  it('gives a route its caller’s AuthContext, from Authorization: Bearer or X-Api-Key', async () => {
    const orgId = await newOrganisation();
    const { key, keyId } = await newKey(orgId, ['forms:read']);
    const bearer = await call({ url: '/v1/probe', key });
    expect(bearer.status).toBe(200);
    expect(bearer.json()).toEqual({ orgId, keyId, scopes: ['forms:read'] });
    const header = await call({ url: '/v1/probe', headers: { 'x-api-key': key } });
    expect(header.json()).toEqual({ orgId, keyId, scopes: ['forms:read'] });
  });

  it('answers 403 missing-scope for a key without the route’s scope', async () => {
    const { key } = await newKey(await newOrganisation(), ['forms:read']);
    const response = await call({ method: 'POST', url: '/v1/probe', key, body: { title: 't' } });
    expectProblem(response, 403, 'missing-scope');
    expect(response.json().missingScopes).toEqual(['forms:write']);
  });

  it('answers 401 for a missing, malformed, unknown or forged key', async () => {
    const { key } = await newKey(await newOrganisation(), ['forms:read']);
    const forged = `${key.slice(0, -4)}${key.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    for (const presented of [
      undefined,
      'nonsense',
      `ck_${'0'.repeat(24)}_${'A'.repeat(43)}`,
      forged,
      ADMIN_KEY,
    ]) {
      expectProblem(await call({ url: '/v1/probe', key: presented }), 401, 'invalid-api-key');
    }
  });

  it('answers 401 for a key right after it is revoked, and revoking again is harmless', async () => {
    const orgId = await newOrganisation();
    const { key, keyId } = await newKey(orgId, ['forms:read']);
    expect((await call({ url: '/v1/probe', key })).status).toBe(200);
    const revoke = {
      method: 'DELETE' as const,
      url: `/v1/organisations/${orgId}/api-keys/${keyId}`,
      key: ADMIN_KEY,
    };
    expect((await call(revoke)).status).toBe(204);
    expect((await call(revoke)).status).toBe(204);
    expectProblem(await call({ url: '/v1/probe', key }), 401, 'invalid-api-key');
    const listed = await call({ url: `/v1/organisations/${orgId}/api-keys`, key: ADMIN_KEY });
    expect(listed.json().items).toEqual([expect.objectContaining({ keyId, revokedAt: anyText })]);
  });

  it('keeps admin endpoints from organisation keys (403) and from anyone else (401)', async () => {
    const { key } = await newKey(await newOrganisation(), [
      'forms:read',
      'forms:write',
      'responses:read',
      'responses:write',
      'integrations:write',
    ]);
    const body = { name: 'x' };
    expectProblem(
      await call({ method: 'POST', url: '/v1/organisations', key, body }),
      403,
      'admin-key-required',
    );
    expectProblem(
      await call({ method: 'POST', url: '/v1/organisations', body }),
      401,
      'invalid-admin-key',
    );
    expectProblem(
      await call({ method: 'POST', url: '/v1/organisations', key: `${ADMIN_KEY}x`, body }),
      401,
      'invalid-admin-key',
    );
  });

  it('answers 429 with Retry-After once a key has spent its burst', async () => {
    const { key } = await newKey(await newOrganisation(), ['forms:read']);
    const statuses: number[] = [];
    for (let i = 0; i <= BURST; i++) statuses.push((await call({ url: '/v1/probe', key })).status);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(BURST);
    const limited = await call({ url: '/v1/probe', key });
    expectProblem(limited, 429, 'rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});

describe('request limits and errors, all as problem+json', () => {
  let key: string;
  beforeAll(async () => {
    ({ key } = await newKey(await newOrganisation(), ['forms:write']));
  });

  it('answers 413 for a body over the limit', async () => {
    expectProblem(
      await call({ method: 'POST', url: '/v1/probe', key, body: { title: 'x'.repeat(70 * 1024) } }),
      413,
      'payload-too-large',
    );
  });

  it('answers 415 for a body that is not application/json', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      expectProblem(
        await call({
          method: 'POST',
          url: '/v1/probe',
          key,
          headers: { 'content-type': type },
          payload: 'title=x',
        }),
        415,
        'unsupported-media-type',
      );
    }
  });

  it('answers 400 for malformed JSON, an empty JSON body and prototype poisoning', async () => {
    expectProblem(
      await call({
        method: 'POST',
        url: '/v1/probe',
        key,
        headers: { 'content-type': 'application/json' },
        payload: '{"title":',
      }),
      400,
      'malformed-json',
    );
    expectProblem(
      await call({
        method: 'POST',
        url: '/v1/probe',
        key,
        headers: { 'content-type': 'application/json' },
        payload: '',
      }),
      400,
      'empty-json-body',
    );
    expectProblem(
      await call({
        method: 'POST',
        url: '/v1/probe',
        key,
        headers: { 'content-type': 'application/json' },
        payload: '{"__proto__":{"x":1}}',
      }),
      400,
      'malformed-json',
    );
  });

  it('answers 400 for JSON nested deeper than the limit', async () => {
    expectProblem(
      await call({
        method: 'POST',
        url: '/v1/probe',
        key,
        headers: { 'content-type': 'application/json' },
        payload: `{"title":${'['.repeat(40)}${']'.repeat(40)}}`,
      }),
      400,
      'json-too-deep',
    );
  });

  it('answers 422 for an unknown field and a too-long string', async () => {
    const response = await call({
      method: 'POST',
      url: '/v1/probe',
      key,
      body: { title: 'x'.repeat(101), extra: true },
    });
    expectProblem(response, 422, 'validation-failed');
    expect(response.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/title', code: 'too_big' }),
        expect.objectContaining({ path: '/extra', code: 'unrecognized_key' }),
      ]),
    );
  });

  it('answers 404 for an unknown route', async () => {
    expectProblem(await call({ url: '/v1/nowhere' }), 404, 'not-found');
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3 document with the paths, security schemes, examples and problem responses', async () => {
    const response = await call({ url: '/openapi.json' });
    expect(response.status).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths as object)).toEqual(
      expect.arrayContaining([
        '/v1/organisations',
        '/v1/organisations/{orgId}/api-keys',
        '/v1/organisations/{orgId}/api-keys/{keyId}',
      ]),
    );
    expect(document).toMatchObject({
      components: {
        securitySchemes: { 'api-key': {}, 'x-api-key': {}, 'admin-key': {} },
        schemas: {
          Problem: { required: ['type', 'title', 'status', 'detail', 'instance', 'code'] },
        },
      },
      paths: {
        '/v1/organisations/{orgId}/api-keys': {
          post: {
            security: [{ 'admin-key': [] }],
            requestBody: {
              content: {
                'application/json': {
                  schema: { additionalProperties: false },
                  examples: { example: { value: { scopes: ['forms:read', 'responses:write'] } } },
                },
              },
            },
            responses: {
              '201': {
                content: { 'application/json': { example: { key: textMatching(/^ck_/) } } },
              },
              '422': {
                content: {
                  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
                },
              },
            },
          },
        },
      },
    });
  });

  it('gives every operation an example for its body and each response with content', async () => {
    interface Media {
      example?: unknown;
      examples?: unknown;
    }
    interface Operation {
      requestBody?: { content: Record<string, Media> };
      responses: Record<string, { content?: Record<string, Media> }>;
    }
    const document = (await call({ url: '/openapi.json' })).json() as unknown as {
      paths: Record<string, Record<string, Operation>>;
    };
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const media = [
          ...Object.values(operation.requestBody?.content ?? {}).map((m) => ['body', m] as const),
          ...Object.entries(operation.responses).flatMap(([status, response]) =>
            Object.values(response.content ?? {}).map((m) => [status, m] as const),
          ),
        ];
        if (media.length === 0) missing.push(`${method} ${path}: no documented content`);
        for (const [where, m] of media) {
          if (m.example === undefined && m.examples === undefined) {
            missing.push(`${method} ${path} ${where}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
