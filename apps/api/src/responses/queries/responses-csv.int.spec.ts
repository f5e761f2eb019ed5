import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ResponseReadStore } from './response-read-store';
import { parseCsv } from '../../read-model/testing/parse-csv.testing';
import { startReadApi, type ReadApi } from '../../read-model/testing/read-api.testing';
import {
  seedBulkResponses,
  seedForm,
  seedResponses,
} from '../../read-model/testing/read-model-seed.testing';

describe('CSV export of a form’s responses', () => {
  let api: ReadApi;
  let tenant: { orgId: string; key: string };

  beforeAll(async () => {
    api = await startReadApi();
    tenant = await api.newOrganisation(['responses:read']);
  });
  afterAll(() => api?.close());

  /** The app on a real socket (app.inject buffers the body; chunking needs HTTP). */
  let baseUrl: string | undefined;
  async function listening(): Promise<string> {
    if (baseUrl === undefined) {
      await api.app.listen(0, '127.0.0.1');
      const { port } = api.app.getHttpServer().address() as AddressInfo;
      baseUrl = `http://127.0.0.1:${port}`;
    }
    return baseUrl;
  }

  it('has one column per question (draft order, then removed ones) and escapes and neutralises every cell', async () => {
    const formId = await seedForm(api.db.pool, {
      orgId: tenant.orgId,
      questions: [
        { questionId: 'amount', type: 'number', title: 'Amount, in €', position: 1 },
        { questionId: 'comment', type: 'long_text', title: '=cmd|"/c calc"!A1', position: 0 },
        { questionId: 'pets', type: 'multiple_choice', title: 'Pets', position: 2 },
        {
          questionId: 'gone',
          type: 'short_text',
          title: 'Removed "old" one',
          position: null,
          removedVersion: 4,
        },
      ],
    });
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()].sort();
    await seedResponses(api.db.pool, tenant.orgId, formId, [
      {
        responseId: first,
        submittedAt: '2025-03-01T10:00:00.000Z',
        answers: [
          { questionId: 'comment', text: 'Hello, "world"\r\nsecond line' },
          { questionId: 'amount', number: -5 },
          { questionId: 'pets', choices: ['cat', 'dog'] },
          { questionId: 'gone', text: '@SUM(1+1)' },
        ],
      },
      {
        responseId: second,
        submittedAt: '2025-03-01T10:00:00.000Z',
        answers: [{ questionId: 'comment', text: '=HYPERLINK("http://evil.example","click")' }],
      },
      {
        responseId: third,
        submittedAt: '2025-03-01T11:00:00.000Z',
        answers: [
          { questionId: 'comment', text: '+1-1' },
          { questionId: 'amount', number: 0.1 },
          { questionId: 'pets', choices: ['-dog'] },
        ],
      },
    ]);

    const reply = await api.get(`/v1/forms/${formId}/responses.csv`, tenant.key);

    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(reply.headers['content-disposition']).toBe(
      `attachment; filename="responses-${formId}.csv"`,
    );
    expect(parseCsv(reply.text)).toEqual([
      [
        'responseId',
        'submittedAt',
        `'=cmd|"/c calc"!A1`,
        'Amount, in €',
        'Pets',
        'Removed "old" one',
      ],
      [
        first,
        '2025-03-01T10:00:00.000Z',
        'Hello, "world"\r\nsecond line',
        '-5',
        'cat;dog',
        "'@SUM(1+1)",
      ],
      [
        second,
        '2025-03-01T10:00:00.000Z',
        `'=HYPERLINK("http://evil.example","click")`,
        '',
        '',
        '',
      ],
      [third, '2025-03-01T11:00:00.000Z', "'+1-1", '0.1', "'-dog", ''],
    ]);
  });

  it('keeps the submittedFrom/submittedTo range, and is a header alone when nothing matches', async () => {
    const formId = await seedForm(api.db.pool, {
      orgId: tenant.orgId,
      questions: [{ questionId: 'q', type: 'short_text', title: 'Q', position: 0 }],
    });
    await seedResponses(
      api.db.pool,
      tenant.orgId,
      formId,
      [1, 2, 3].map((hour) => ({ submittedAt: `2025-03-01T0${hour}:00:00.000Z` })),
    );
    const ranged = await api.get(
      `/v1/forms/${formId}/responses.csv?submittedFrom=2025-03-01T02:00:00Z&submittedTo=2025-03-01T03:00:00Z`,
      tenant.key,
    );
    expect(parseCsv(ranged.text).map((row) => row[1])).toEqual([
      'submittedAt',
      '2025-03-01T02:00:00.000Z',
    ]);
    const none = await api.get(
      `/v1/forms/${formId}/responses.csv?submittedFrom=2030-01-01T00:00:00Z`,
      tenant.key,
    );
    expect(none.text).toBe('responseId,submittedAt,Q\r\n');
  });

  it('aborts the download, never ends it cleanly, when the read model fails mid-export', async () => {
    const formId = await seedForm(api.db.pool, {
      orgId: tenant.orgId,
      questions: [{ questionId: 'a', type: 'short_text', title: 'A', position: 0 }],
    });
    await seedBulkResponses(api.db.pool, tenant.orgId, formId, 2_500, '2025-01-01T00:00:00Z', [
      'a',
    ]);
    const store = api.app.get(ResponseReadStore);
    const slice = store.slice.bind(store);
    let calls = 0;
    const spy = jest.spyOn(store, 'slice').mockImplementation((...args) => {
      if (++calls === 2) return Promise.reject(new Error('Connection terminated unexpectedly'));
      return slice(...args);
    });
    try {
      const response = await fetch(`${await listening()}/v1/forms/${formId}/responses.csv`, {
        headers: { authorization: `Bearer ${tenant.key}` },
      });
      expect(response.status).toBe(200); // the first chunk was read before the answer started
      await expect(response.text()).rejects.toThrow();
    } finally {
      spy.mockRestore();
    }
  });

  it('streams 50,000 responses as a chunked body, each exactly once and in order', async () => {
    const questions = ['a', 'b', 'c', 'd', 'e'];
    const formId = await seedForm(api.db.pool, {
      orgId: tenant.orgId,
      questions: questions.map((id, position) => ({
        questionId: id,
        type: 'short_text' as const,
        title: id.toUpperCase(),
        position,
      })),
    });
    await seedBulkResponses(
      api.db.pool,
      tenant.orgId,
      formId,
      50_000,
      '2025-01-01T00:00:00Z',
      questions,
    );
    const response = await fetch(`${await listening()}/v1/forms/${formId}/responses.csv`, {
      headers: { authorization: `Bearer ${tenant.key}` },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-length')).toBeNull();
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let reads = 0;
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      reads++;
      text += decoder.decode(part.value as Uint8Array, { stream: true });
    }
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['responseId', 'submittedAt', 'A', 'B', 'C', 'D', 'E']);
    expect(rows).toHaveLength(50_001);
    expect(new Set(rows.slice(1).map((row) => row[0])).size).toBe(50_000);
    const sequence = rows.slice(1).map((row) => Number(/^r(\d+)-a$/.exec(row[2]!)![1]));
    expect(sequence).toEqual(Array.from({ length: 50_000 }, (_, i) => i + 1));
    expect(reads).toBeGreaterThan(10); // arrived in pieces, not as one buffered body
  });
});
