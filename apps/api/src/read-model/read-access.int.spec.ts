import { randomUUID } from 'node:crypto';
import { encodeCursor } from './keyset-cursor';
import { startReadApi, type ReadApi } from './testing/read-api.testing';
import { seedForm, seedResponses } from './testing/read-model-seed.testing';

/** Every read endpoint, for the organisation that owns `formId` / `responseId`. */
const endpoints = (formId: string, responseId: string) => [
  `/v1/forms/${formId}`,
  `/v1/forms/${formId}/responses`,
  `/v1/forms/${formId}/responses.csv`,
  `/v1/responses/${responseId}`,
];

describe('read endpoints: isolation, authentication and bad input', () => {
  let api: ReadApi;
  let owner: { orgId: string; key: string };
  let formId: string;
  let responseId: string;

  beforeAll(async () => {
    api = await startReadApi();
    owner = await api.newOrganisation(['forms:read', 'responses:read']);
    formId = await seedForm(api.db.pool, {
      orgId: owner.orgId,
      questions: [{ questionId: 'q', type: 'short_text', title: 'Secret question', position: 0 }],
    });
    responseId = (
      await seedResponses(api.db.pool, owner.orgId, formId, [
        {
          submittedAt: '2025-03-01T10:00:00Z',
          answers: [{ questionId: 'q', text: 'secret answer' }],
        },
      ])
    )[0]!;
  });
  afterAll(() => api?.close());

  it('serves the owner on every endpoint (the baseline of the isolation tests below)', async () => {
    for (const url of endpoints(formId, responseId)) {
      expect([url, (await api.get(url, owner.key)).status]).toEqual([url, 200]);
    }
  });

  it("answers 404 on every endpoint for another organisation's form and response, revealing nothing", async () => {
    const other = await api.newOrganisation(['forms:read', 'forms:write', 'responses:read']);
    for (const url of endpoints(formId, responseId)) {
      const reply = await api.get(url, other.key);
      expect([url, reply.status]).toEqual([url, 404]);
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(reply.text).not.toMatch(/secret/i);
    }
    const list = await api.get('/v1/forms', other.key);
    expect(list.body).toEqual({ items: [], nextCursor: null });
  });

  it("never lets another organisation's form leak into a listing through a crafted cursor", async () => {
    const other = await api.newOrganisation(['forms:read', 'responses:read']);
    const crafted = encodeCursor('forms', { at: '1970-01-01T00:00:00.000000Z', id: randomUUID() });
    expect((await api.get(`/v1/forms?cursor=${crafted}`, other.key)).body).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('answers 401 without a key and 403 without the read scope, on every endpoint', async () => {
    const writer = await api.newOrganisation(['responses:write']);
    for (const url of ['/v1/forms', ...endpoints(formId, responseId)]) {
      expect([url, (await api.get(url, '')).status]).toEqual([url, 401]);
      expect([url, (await api.get(url, writer.key)).status]).toEqual([url, 403]);
    }
  });

  it('answers 404 for ids that are not UUIDs, without asking Postgres to parse them', async () => {
    for (const url of endpoints("1' OR '1'='1", 'not-a-uuid')) {
      expect([url, (await api.get(url, owner.key)).status]).toEqual([url, 404]);
    }
  });

  const responsesCursor = () =>
    encodeCursor('responses', { at: '2025-03-01T10:00:00.000000Z', id: randomUUID() });
  const formsCursor = () =>
    encodeCursor('forms', { at: '2025-03-01T10:00:00.000000Z', id: randomUUID() });

  it.each([
    { what: 'limit 0', endpoint: 'responses', query: 'limit=0', path: '/limit' },
    { what: 'limit above 1000', endpoint: 'responses', query: 'limit=1001', path: '/limit' },
    {
      what: 'a limit that is not a whole number',
      endpoint: 'responses',
      query: 'limit=1e3',
      path: '/limit',
    },
    { what: 'a repeated limit', endpoint: 'responses', query: 'limit=1&limit=2', path: '/limit' },
    { what: 'a garbage cursor', endpoint: 'responses', query: 'cursor=abc%24', path: '/cursor' },
    {
      what: "a forms listing's cursor",
      endpoint: 'responses',
      query: () => `cursor=${formsCursor()}`,
      path: '/cursor',
    },
    {
      what: 'a date that is not one',
      endpoint: 'responses',
      query: 'submittedTo=yesterday',
      path: '/submittedTo',
    },
    { what: 'an unknown parameter', endpoint: 'responses', query: 'order=desc', path: '/order' },
    {
      what: 'a date without a time zone',
      endpoint: 'responses',
      query: 'submittedFrom=2025-03-01T00:00:00',
      path: '/submittedFrom',
    },
    {
      what: 'a range that ends before it starts',
      endpoint: 'responses',
      query: 'submittedFrom=2025-03-02T00:00:00Z&submittedTo=2025-03-01T00:00:00Z',
      path: '/submittedTo',
    },
    {
      what: 'a range that ends before it starts',
      endpoint: 'csv',
      query: 'submittedFrom=2025-03-02T00:00:00Z&submittedTo=2025-03-01T00:00:00Z',
      path: '/submittedTo',
    },
    {
      what: 'a minPosition on a topic the read model is not built from',
      endpoint: 'responses',
      query: 'minPosition=other.topic:1:1',
      path: '/minPosition',
    },
    {
      what: 'a malformed minPosition',
      endpoint: 'responses',
      query: 'minPosition=forms:1',
      path: '/minPosition',
    },
    {
      what: 'a wait beyond 30 s',
      endpoint: 'responses',
      query: 'maxWaitMs=30001',
      path: '/maxWaitMs',
    },
    { what: 'an unknown parameter', endpoint: 'csv', query: 'limit=10', path: '/limit' },
    { what: 'limit above 200', endpoint: 'forms', query: 'limit=201', path: '/limit' },
    {
      what: "a responses listing's cursor",
      endpoint: 'forms',
      query: () => `cursor=${responsesCursor()}`,
      path: '/cursor',
    },
    { what: 'an unknown status', endpoint: 'forms', query: 'status=archived', path: '/status' },
    { what: 'an unknown parameter', endpoint: 'form', query: 'expand=all', path: '/expand' },
    { what: 'an unknown parameter', endpoint: 'response', query: 'fields=all', path: '/fields' },
  ] as const)(
    'answers $what on the $endpoint endpoint with a 422 problem at $path',
    async ({ endpoint, query, path }) => {
      const base = {
        responses: `/v1/forms/${formId}/responses`,
        csv: `/v1/forms/${formId}/responses.csv`,
        forms: '/v1/forms',
        form: `/v1/forms/${formId}`,
        response: `/v1/responses/${responseId}`,
      }[endpoint];
      const reply = await api.get(
        `${base}?${typeof query === 'function' ? query() : query}`,
        owner.key,
      );
      expect(reply.status).toBe(422);
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(reply.body).toMatchObject({ code: 'validation-failed' });
      expect((reply.body.errors as { path: string }[]).map((error) => error.path)).toContain(path);
    },
  );

  it.each([
    ['x-collect-min-position', 'collect.forms.v1'],
    ['x-collect-max-wait-ms', 'soon'],
  ])('answers a malformed %s header with 400', async (header, value) => {
    const reply = await api.get(`/v1/forms/${formId}`, owner.key, { [header]: value });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'invalid-consistency-header' });
  });
});
