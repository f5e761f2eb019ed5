import { randomUUID } from 'node:crypto';
import { startApp, waitForReadyStatus, type RunningApp } from '../../../test/support/app-process';
import { stackEnv } from '../../../test/support/stack-env';
import {
  ApiClient,
  createPublishedForm,
  createTenant,
  validAnswers,
  type PublishedForm,
} from './api-client.testing';

const adminKey = `bad-input-admin-${'x'.repeat(32)}`;

interface BadInput {
  name: string;
  method?: string;
  /** Path, given the published form, a draft form and a closed form. */
  path: (forms: Forms) => string;
  body?: string | Buffer | (() => unknown);
  headers?: Record<string, string>;
  /** Which key to send: the tenant's (default), one without the needed scope, none, or the admin key. */
  as?: 'tenant' | 'readOnly' | 'none' | 'admin' | 'otherTenant' | 'forged';
  expect: number | '4xx';
}

interface Forms {
  published: PublishedForm;
  draft: PublishedForm;
  closed: PublishedForm;
}

const responses = (f: Forms) => `/v1/forms/${f.published.formId}/responses`;
const submit =
  (answers: unknown, extra: Record<string, unknown> = {}) =>
  () => ({ answers, ...extra });
const withAnswer = (questionId: string, value: unknown) =>
  submit([...validAnswers.filter((a) => a.questionId !== questionId), { questionId, value }]);
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** The draft form's current version, known once beforeAll ran. */
let draftVersion = 0;

const cases: BadInput[] = [
  // Transport and framing
  { name: 'malformed JSON', path: responses, body: '{"answers": [', expect: 400 },
  { name: 'empty body declared as JSON', path: responses, body: '', expect: 400 },
  { name: 'JSON with a trailing comma', path: responses, body: '{"answers": [],}', expect: 400 },
  { name: 'NaN is not JSON', path: responses, body: '{"answers": NaN}', expect: 400 },
  {
    name: 'text/plain body',
    path: responses,
    body: 'hello',
    headers: { 'content-type': 'text/plain' },
    expect: 415,
  },
  {
    name: 'form-urlencoded body',
    path: responses,
    body: 'a=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    expect: 415,
  },
  {
    name: 'XML body',
    path: responses,
    body: '<a/>',
    headers: { 'content-type': 'application/xml' },
    expect: 415,
  },
  {
    name: 'body over the size limit',
    path: responses,
    body: JSON.stringify({ answers: [{ questionId: 'name', value: 'x'.repeat(2 * 1024 * 1024) }] }),
    expect: 413,
  },
  { name: 'nesting 200 levels deep', path: responses, body: nested(200), expect: 400 },
  {
    name: '__proto__ key (prototype pollution)',
    path: responses,
    body: '{"answers": [], "__proto__": {"admin": true}}',
    expect: 400,
  },
  { name: 'a JSON array instead of an object', path: responses, body: '[]', expect: 422 },
  { name: 'JSON null', path: responses, body: 'null', expect: '4xx' },
  { name: 'a bare JSON string', path: responses, body: '"answers"', expect: '4xx' },
  // Authentication and authorisation
  { name: 'no credentials', path: responses, body: submit(validAnswers), as: 'none', expect: 401 },
  {
    name: 'forged API key',
    path: responses,
    body: submit(validAnswers),
    as: 'forged',
    expect: 401,
  },
  {
    name: 'malformed Authorization header',
    path: responses,
    body: submit(validAnswers),
    headers: { authorization: 'Bearer' },
    as: 'none',
    expect: 401,
  },
  {
    name: 'key without responses:write',
    path: responses,
    body: submit(validAnswers),
    as: 'readOnly',
    expect: 403,
  },
  {
    name: 'admin key on a tenant endpoint',
    path: responses,
    body: submit(validAnswers),
    as: 'admin',
    expect: '4xx',
  },
  {
    name: 'tenant key on an admin endpoint',
    path: () => '/v1/organisations',
    body: () => ({ name: 'x' }),
    expect: 403,
  },
  {
    name: "another organisation's form",
    path: responses,
    body: submit(validAnswers),
    as: 'otherTenant',
    expect: 404,
  },
  // Identifiers
  {
    name: 'unknown form id',
    path: () => `/v1/forms/${randomUUID()}/responses`,
    body: submit(validAnswers),
    expect: 404,
  },
  {
    name: 'path traversal as a form id',
    path: () => '/v1/forms/..%2F..%2Fetc%2Fpasswd/responses',
    body: submit(validAnswers),
    expect: '4xx',
  },
  {
    name: 'SQL in the form id',
    path: () => `/v1/forms/${encodeURIComponent("1' OR '1'='1")}/responses`,
    body: submit(validAnswers),
    expect: '4xx',
  },
  {
    name: 'a draft (unpublished) form',
    path: (f) => `/v1/forms/${f.draft.formId}/responses`,
    body: submit(validAnswers),
    expect: 409,
  },
  {
    name: 'a closed form',
    path: (f) => `/v1/forms/${f.closed.formId}/responses`,
    body: submit(validAnswers),
    expect: 409,
  },
  {
    name: 'unknown route',
    path: () => '/v1/nothing-here',
    body: submit(validAnswers),
    expect: 404,
  },
  // Shape of the submission
  {
    name: 'unknown top-level field',
    path: responses,
    body: submit(validAnswers, { isAdmin: true }),
    expect: 422,
  },
  {
    name: 'answers is not an array',
    path: responses,
    body: () => ({ answers: { name: 'Ada' } }),
    expect: 422,
  },
  {
    name: 'an answer without questionId',
    path: responses,
    body: submit([{ value: 1 }]),
    expect: 422,
  },
  {
    name: 'unknown field inside an answer',
    path: responses,
    body: submit([...validAnswers, { questionId: 'email', value: 'a@b.co', extra: 1 }]),
    expect: 422,
  },
  { name: 'unknown question', path: responses, body: withAnswer('salary', 10), expect: 422 },
  {
    name: 'the same question answered twice',
    path: responses,
    body: submit([...validAnswers, { questionId: 'name', value: 'Bob' }]),
    expect: 422,
  },
  {
    name: 'required answer missing',
    path: responses,
    body: submit(validAnswers.filter((a) => a.questionId !== 'name')),
    expect: 422,
  },
  { name: 'no answers at all', path: responses, body: submit([]), expect: 422 },
  {
    name: 'ten thousand answers',
    path: responses,
    body: submit(Array.from({ length: 10_000 }, (_, i) => ({ questionId: `q${i}`, value: 1 }))),
    expect: '4xx',
  },
  // Typed values
  {
    name: 'number given as a string',
    path: responses,
    body: withAnswer('income', '3000'),
    expect: 422,
  },
  {
    name: 'number that is not a number',
    path: responses,
    body: withAnswer('income', 'lots'),
    expect: 422,
  },
  {
    name: 'number below its minimum',
    path: responses,
    body: withAnswer('income', -5),
    expect: 422,
  },
  {
    name: 'huge string in a short text',
    path: responses,
    body: withAnswer('name', 'y'.repeat(100_000)),
    expect: 422,
  },
  {
    name: 'object as a text answer',
    path: responses,
    body: withAnswer('name', { first: 'Ada' }),
    expect: 422,
  },
  {
    name: 'invalid email',
    path: responses,
    body: withAnswer('email', 'not-an-email'),
    expect: 422,
  },
  {
    name: 'phone number not in E.164',
    path: responses,
    body: withAnswer('phone', '12345'),
    expect: 422,
  },
  {
    name: 'choice outside the options',
    path: responses,
    body: withAnswer('colour', 'green'),
    expect: 422,
  },
  {
    name: 'multiple choice with duplicates',
    path: responses,
    body: withAnswer('pets', ['cat', 'cat']),
    expect: 422,
  },
  {
    name: 'impossible calendar date',
    path: responses,
    body: withAnswer('born', '2023-02-30'),
    expect: 422,
  },
  {
    name: 'boolean given as a string',
    path: responses,
    body: withAnswer('agree', 'true'),
    expect: 422,
  },
  { name: 'rating out of range', path: responses, body: withAnswer('stars', 9), expect: 422 },
  {
    name: 'business rule violated (savings > income)',
    path: responses,
    body: withAnswer('savings', 999_999),
    expect: 422,
  },
  // Envelope and headers
  {
    name: 'submittedAt far in the future',
    path: responses,
    body: submit(validAnswers, { submittedAt: '2999-01-01T00:00:00Z' }),
    expect: 422,
  },
  {
    name: 'submittedAt that is not a time',
    path: responses,
    body: submit(validAnswers, { submittedAt: 'yesterday' }),
    expect: 422,
  },
  {
    name: 'too many hidden fields',
    path: responses,
    body: submit(validAnswers, {
      metadata: {
        hiddenFields: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, 'v'])),
      },
    }),
    expect: 422,
  },
  {
    name: 'Idempotency-Key longer than allowed',
    path: responses,
    body: submit(validAnswers),
    headers: { 'idempotency-key': 'k'.repeat(300) },
    expect: '4xx',
  },
  // Form commands
  {
    name: 'form without a title',
    path: () => '/v1/forms',
    body: () => ({ title: '' }),
    expect: 422,
  },
  {
    name: 'form with an unknown field',
    path: () => '/v1/forms',
    body: () => ({ title: 'T', owner: 'someone-else' }),
    expect: 422,
  },
  {
    name: 'question of an unknown type',
    path: (f) => `/v1/forms/${f.draft.formId}/questions`,
    body: () => ({
      expectedVersion: 1,
      question: { questionId: 'q', type: 'signature', title: 'Sign' },
    }),
    expect: 422,
  },
  {
    name: 'expectedVersion as a string',
    path: (f) => `/v1/forms/${f.draft.formId}/publish`,
    body: () => ({ expectedVersion: 'latest' }),
    expect: 422,
  },
  {
    name: 'stale expectedVersion',
    path: (f) => `/v1/forms/${f.draft.formId}/publish`,
    body: () => ({ expectedVersion: 1 }),
    expect: 409,
  },
  {
    name: 'rule that is not valid CEL',
    path: (f) => `/v1/forms/${f.draft.formId}/rules`,
    body: () => ({
      expectedVersion: draftVersion,
      rules: [
        { ruleId: 'r', expression: 'answers.income <=', message: 'm', questionIds: ['income'] },
      ],
    }),
    expect: '4xx',
  },
];

describe('collect-api under bad input: always a 4xx problem, never a 5xx, and it stays up', () => {
  let api: RunningApp;
  let client: ApiClient;
  let readOnly: ApiClient;
  let other: ApiClient;
  let forms: Forms;

  beforeAll(async () => {
    const env = stackEnv();
    api = await startApp('api', {
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: env.schemaRegistryUrl,
      DATABASE_URL: env.databaseUrl,
      DATABASE_PASSWORD: env.databasePassword,
      API_ADMIN_KEY: adminKey,
      API_RATE_LIMIT_PER_SECOND: '10000',
      API_RATE_LIMIT_BURST: '10000',
    });
    await waitForReadyStatus(api, 200);
    const admin = new ApiClient(api.url, adminKey);
    const tenant = await createTenant(admin);
    client = admin.withKey(tenant.key);
    readOnly = admin.withKey((await createTenant(admin, ['responses:read'])).key);
    other = admin.withKey((await createTenant(admin)).key);
    const published = await createPublishedForm(client);
    const draft = await createPublishedForm(client, { publish: false });
    draftVersion = draft.version;
    const closedDraft = await createPublishedForm(client);
    const closed = await client.json<{ version: number }>(
      'POST',
      `/v1/forms/${closedDraft.formId}/close`,
      { expectedVersion: closedDraft.version },
      200,
    );
    forms = { published, draft, closed: { formId: closedDraft.formId, version: closed.version } };
  });

  afterAll(() => api?.child.kill('SIGKILL'));

  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, input) => {
    const key = {
      tenant: client,
      readOnly,
      otherTenant: other,
      admin: client.withKey(adminKey),
      forged: client.withKey(`ck_${'0'.repeat(24)}_${'A'.repeat(43)}`),
      none: undefined,
    }[input.as ?? 'tenant'];
    const body = typeof input.body === 'function' ? JSON.stringify(input.body()) : input.body;
    const response = await fetch(`${api.url}${input.path(forms)}`, {
      method: input.method ?? 'POST',
      headers: {
        ...(key ? { authorization: `Bearer ${key.key}` } : {}),
        'content-type': 'application/json',
        ...input.headers,
      },
      body,
    });
    const text = await response.text();

    if (input.expect !== '4xx') expect(response.status).toBe(input.expect);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(text) as Record<string, unknown>;
    expect(problem.status).toBe(response.status);
    for (const field of ['type', 'title', 'code']) expect(typeof problem[field]).toBe('string');
  });

  it('is still alive and ready after all of it', async () => {
    expect(api.child.exitCode).toBeNull();
    await waitForReadyStatus(api, 200, 10_000);
    const accepted = await client.request('POST', responses(forms), { answers: validAnswers });
    expect(accepted.status).toBe(202);
  });
});
