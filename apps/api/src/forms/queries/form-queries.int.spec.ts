import { startReadApi, type ReadApi } from '../../read-model/testing/read-api.testing';
import { seedForm, seedResponses } from '../../read-model/testing/read-model-seed.testing';
import type { FormDetail, FormSummary } from './form-views';

interface PageBody {
  items: FormSummary[];
  nextCursor: string | null;
}

describe('reading forms from the read model', () => {
  let api: ReadApi;

  beforeAll(async () => {
    api = await startReadApi();
  });
  afterAll(() => api?.close());

  async function allPages(key: string, query: string): Promise<FormSummary[]> {
    const seen: FormSummary[] = [];
    let cursor: string | null = null;
    do {
      const reply = await api.get(`/v1/forms?${query}${cursor ? `&cursor=${cursor}` : ''}`, key);
      expect(reply.status).toBe(200);
      const body = reply.body as unknown as PageBody;
      seen.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor !== null);
    return seen;
  }

  it("lists every one of the organisation's forms exactly once, in creation order, across pages", async () => {
    const { orgId, key } = await api.newOrganisation(['forms:read']);
    const sameInstant = '2025-02-01T08:00:00.000Z';
    const created = [];
    for (let i = 0; i < 8; i++) {
      const createdAt =
        i % 2 === 0 ? sameInstant : new Date(Date.UTC(2025, 1, 1, 9, i)).toISOString();
      created.push({ formId: await seedForm(api.db.pool, { orgId, createdAt }), createdAt });
    }
    const listed = await allPages(key, 'limit=3');
    const expected = [...created]
      .sort((a, b) => (a.createdAt + a.formId < b.createdAt + b.formId ? -1 : 1))
      .map((form) => form.formId);
    expect(listed.map((form) => form.formId)).toEqual(expected);
  });

  it('filters by status and summarises each form with its question and response counts', async () => {
    const { orgId, key } = await api.newOrganisation(['forms:read']);
    await seedForm(api.db.pool, { orgId, status: 'draft' });
    const published = await seedForm(api.db.pool, {
      orgId,
      title: 'Budget',
      versions: 3,
      questions: [
        { questionId: 'a', type: 'number', title: 'A', position: 0 },
        { questionId: 'b', type: 'number', title: 'B', position: 1 },
      ],
    });
    await seedResponses(api.db.pool, orgId, published, [
      { submittedAt: '2025-03-01T10:00:00Z' },
      { submittedAt: '2025-03-01T11:00:00Z' },
    ]);
    const reply = await api.get('/v1/forms?status=published', key);
    expect(reply.body).toEqual({
      items: [
        expect.objectContaining({
          formId: published,
          title: 'Budget',
          status: 'published',
          version: 3,
          publishedVersion: 3,
          questionCount: 2,
          responseCount: 2,
        }),
      ],
      nextCursor: null,
    });
  });

  it('reads a form with its current definition, status, counters and version history', async () => {
    const { orgId, key } = await api.newOrganisation(['forms:write']);
    const formId = await seedForm(api.db.pool, {
      orgId,
      title: 'Budget',
      versions: 3,
      createdAt: '2025-02-01T08:00:00.000Z',
      questions: [{ questionId: 'income', type: 'number', title: 'Income', position: 0 }],
    });
    await seedResponses(api.db.pool, orgId, formId, [
      { submittedAt: '2025-03-01T10:00:00Z' },
      { submittedAt: '2025-03-02T10:00:00Z' },
    ]);
    const reply = await api.get(`/v1/forms/${formId}`, key);
    expect(reply.status).toBe(200);
    const form = reply.body as unknown as FormDetail;
    expect(form).toMatchObject({
      formId,
      title: 'Budget',
      status: 'published',
      version: 3,
      publishedVersion: 3,
      createdAt: '2025-02-01T08:00:00.000Z',
      counters: {
        responseCount: 2,
        firstSubmittedAt: '2025-03-01T10:00:00.000Z',
        lastSubmittedAt: '2025-03-02T10:00:00.000Z',
      },
      olderVersionsOmitted: false,
    });
    expect(form.draft.questions.map((q) => q.questionId)).toEqual(['income']);
    expect(form.publishedDefinition).toEqual(form.draft);
    expect(form.versions.map((v) => [v.version, v.type])).toEqual([
      [1, 'FormCreated'],
      [2, 'FormDetailsChanged'],
      [3, 'FormDetailsChanged'],
    ]);
  });

  it('lists the latest 500 versions of a long history and says older ones were left out', async () => {
    const { orgId, key } = await api.newOrganisation(['forms:read']);
    const formId = await seedForm(api.db.pool, { orgId, versions: 502 });
    const form = (await api.get(`/v1/forms/${formId}`, key)).body as unknown as FormDetail;
    expect(form.versions).toHaveLength(500);
    expect(form.versions[0]!.version).toBe(3);
    expect(form.versions[499]!.version).toBe(502);
    expect(form.olderVersionsOmitted).toBe(true);
  });

  it('lets forms:read or forms:write read forms, and nothing else', async () => {
    const { orgId } = await api.newOrganisation([]);
    const formId = await seedForm(api.db.pool, { orgId });
    for (const scopes of [['forms:read'], ['forms:write']] as const) {
      const { key } = await api.newOrganisation([...scopes]);
      expect((await api.get('/v1/forms', key)).status).toBe(200);
    }
    const { key: responsesOnly } = await api.newOrganisation(['responses:read', 'responses:write']);
    const denied = await api.get(`/v1/forms/${formId}`, responsesOnly);
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({
      code: 'missing-scope',
      missingScopes: ['forms:read', 'forms:write'],
    });
  });
});
