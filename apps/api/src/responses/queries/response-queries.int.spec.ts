import { randomUUID } from 'node:crypto';
import { startReadApi, type ReadApi } from '../../read-model/testing/read-api.testing';
import {
  seedForm,
  seedResponses,
  type SeedResponse,
} from '../../read-model/testing/read-model-seed.testing';
import type { ResponseView } from './response-views';

interface PageBody {
  items: ResponseView[];
  nextCursor: string | null;
}

const minute = (n: number) => new Date(Date.UTC(2025, 2, 1, 12, n)).toISOString();

describe('reading responses from the read model', () => {
  let api: ReadApi;
  let tenant: { orgId: string; key: string };

  beforeAll(async () => {
    api = await startReadApi();
    tenant = await api.newOrganisation(['responses:read']);
  });
  afterAll(() => api?.close());

  const page = async (formId: string, query: string): Promise<PageBody> => {
    const reply = await api.get(`/v1/forms/${formId}/responses?${query}`, tenant.key);
    expect(reply.status).toBe(200);
    return reply.body as unknown as PageBody;
  };

  async function allPages(formId: string, query: string, between?: () => Promise<void>) {
    const seen: ResponseView[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const body = await page(formId, `${query}${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...body.items);
      cursor = body.nextCursor;
      pages++;
      await between?.();
    } while (cursor !== null);
    return { seen, pages };
  }

  it('visits every response exactly once, in (submittedAt, responseId) order, while responses keep arriving', async () => {
    const formId = await seedForm(api.db.pool, { orgId: tenant.orgId });
    // 1,200 responses over 300 instants: ties on submittedAt are broken by responseId.
    const initial: SeedResponse[] = Array.from({ length: 1_200 }, (_, i) => ({
      submittedAt: new Date(Date.UTC(2025, 2, 1) + (i % 300) * 1_000).toISOString(),
    }));
    const initialIds = await seedResponses(api.db.pool, tenant.orgId, formId, initial);
    let arrivals = 0;
    const { seen, pages } = await allPages(formId, 'limit=97', async () => {
      // Concurrent writers: some land before the cursor (offline sync), some after it.
      const late = Array.from({ length: 10 }, () => ({
        submittedAt: new Date(
          Date.UTC(2025, 2, 1) + Math.floor(Math.random() * 400) * 1_000,
        ).toISOString(),
      }));
      await seedResponses(api.db.pool, tenant.orgId, formId, late);
      arrivals += late.length;
    });

    const ids = seen.map((r) => r.responseId);
    expect(new Set(ids).size).toBe(ids.length); // nothing twice
    const seenIds = new Set(ids);
    expect(initialIds.filter((id) => !seenIds.has(id))).toEqual([]); // nothing missed
    const keys = seen.map((r) => `${r.submittedAt} ${r.responseId}`);
    expect(keys).toEqual([...keys].sort()); // stable key order across pages
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(1_200 / 97));
    expect(arrivals).toBeGreaterThan(0);
  });

  it('keeps submittedFrom (inclusive) and submittedTo (exclusive), across pages and time zones', async () => {
    const formId = await seedForm(api.db.pool, { orgId: tenant.orgId });
    await seedResponses(
      api.db.pool,
      tenant.orgId,
      formId,
      Array.from({ length: 10 }, (_, n) => ({ submittedAt: minute(n) })),
    );
    const { seen } = await allPages(
      formId,
      `limit=2&submittedFrom=${minute(2)}&submittedTo=${encodeURIComponent('2025-03-01T13:05:00+01:00')}`,
    );
    expect(seen.map((r) => r.submittedAt)).toEqual([minute(2), minute(3), minute(4)]);
    expect((await page(formId, `submittedFrom=${minute(9)}`)).items).toHaveLength(1);
    expect((await page(formId, `submittedTo=${minute(0)}`)).items).toHaveLength(0);
  });

  it('answers a form without responses with an empty last page', async () => {
    const formId = await seedForm(api.db.pool, { orgId: tenant.orgId });
    expect(await page(formId, '')).toEqual({ items: [], nextCursor: null });
  });

  it('pages 100 responses by default and up to 1000 when asked', async () => {
    const formId = await seedForm(api.db.pool, { orgId: tenant.orgId });
    await seedResponses(
      api.db.pool,
      tenant.orgId,
      formId,
      Array.from({ length: 1_001 }, (_, i) => ({
        submittedAt: new Date(Date.UTC(2025, 0, 1) + i).toISOString(),
      })),
    );
    const first = await page(formId, '');
    expect(first.items).toHaveLength(100);
    const big = await page(formId, 'limit=1000');
    expect(big.items).toHaveLength(1_000);
    const rest = await page(formId, `limit=1000&cursor=${big.nextCursor}`);
    expect(rest).toMatchObject({ nextCursor: null });
    expect(rest.items).toHaveLength(1);
  });

  it('returns a response with its answers typed and in question order, and the same in listings', async () => {
    const formId = await seedForm(api.db.pool, {
      orgId: tenant.orgId,
      questions: [
        { questionId: 'name', type: 'short_text', title: 'Name', position: 0 },
        { questionId: 'income', type: 'number', title: 'Income', position: 1 },
        { questionId: 'agree', type: 'boolean', title: 'Agree', position: 2 },
        { questionId: 'born', type: 'date', title: 'Born', position: 3 },
        { questionId: 'pets', type: 'multiple_choice', title: 'Pets', position: 4 },
        { questionId: 'old', type: 'short_text', title: 'Old', position: null, removedVersion: 3 },
      ],
    });
    const responseId = randomUUID();
    await seedResponses(api.db.pool, tenant.orgId, formId, [
      {
        responseId,
        submittedAt: minute(1),
        answers: [
          { questionId: 'pets', choices: ['cat', 'dog'] },
          { questionId: 'old', text: 'from before' },
          { questionId: 'born', date: '1990-05-17' },
          { questionId: 'agree', boolean: false },
          { questionId: 'income', number: -12.5 },
          { questionId: 'name', text: 'Ada' },
        ],
      },
    ]);
    const reply = await api.get(`/v1/responses/${responseId}`, tenant.key);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      responseId,
      formId,
      formVersion: 1,
      sequence: 1,
      submittedAt: minute(1),
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
      source: 'test',
      locale: 'en',
      hiddenFields: { campaign: 'seed' },
      answers: [
        { questionId: 'name', value: 'Ada' },
        { questionId: 'income', value: -12.5 },
        { questionId: 'agree', value: false },
        { questionId: 'born', value: '1990-05-17' },
        { questionId: 'pets', value: ['cat', 'dog'] },
        { questionId: 'old', value: 'from before' },
      ],
    });
    expect((await page(formId, '')).items).toEqual([reply.body]);
  });
});
