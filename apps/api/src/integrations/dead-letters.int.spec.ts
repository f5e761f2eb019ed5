import { randomUUID } from 'node:crypto';
import { startIntegrationsApi, type IntegrationsApi } from './integrations-api.testing';
import type { DeadLetterView, IntegrationView } from './integration-views';

describe("an integration's dead letters", () => {
  let api: IntegrationsApi;

  beforeAll(async () => {
    api = await startIntegrationsApi();
  });
  afterAll(() => api?.close());

  async function withDeadLetters(count: number) {
    const { orgId, key } = await api.newOrganisation();
    const formId = await api.newForm(orgId);
    const type = await api.registerType();
    const reply = await api.request('POST', `/v1/forms/${formId}/integrations`, key, {
      type,
      config: { url: 'https://hooks.example.com/dl', authToken: 'tok-12345678' },
    });
    const { integrationId } = reply.body as unknown as IntegrationView;
    const sameInstant = '2025-03-04T10:00:00.000Z';
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const deadLetterId = randomUUID();
      const responseId = randomUUID();
      ids.push(deadLetterId);
      await api.db.pool.query(
        `INSERT INTO connector_dead_letters (dead_letter_id, integration_id, response_id, reason,
           source_topic, source_partition, source_offset, dlq_offset, created_at)
         VALUES ($1, $2, $3, 'permanent_failure: rejected', $4, 1, $5, $6, $7)`,
        [
          deadLetterId,
          integrationId,
          responseId,
          api.topics.responses,
          100 + i,
          i,
          i % 2 === 0 ? sameInstant : `2025-03-04T10:0${i}:00.000Z`,
        ],
      );
      await api.db.pool.query(
        `INSERT INTO connector_deliveries (integration_id, response_id, state, attempts,
           source_partition, source_offset, last_error, updated_at)
         VALUES ($1, $2, 'failed', 3, 1, $3, 'rejected', now())`,
        [integrationId, responseId, 100 + i],
      );
    }
    return { key, integrationId, ids };
  }

  async function allPages(key: string, url: string): Promise<DeadLetterView[]> {
    const seen: DeadLetterView[] = [];
    let cursor: string | null = null;
    do {
      const reply = await api.request('GET', `${url}${cursor ? `&cursor=${cursor}` : ''}`, key);
      expect(reply.status).toBe(200);
      seen.push(...(reply.body.items as DeadLetterView[]));
      cursor = reply.body.nextCursor as string | null;
    } while (cursor !== null);
    return seen;
  }

  it('lists every dead letter exactly once, oldest first, across keyset pages', async () => {
    const { key, integrationId } = await withDeadLetters(5);
    const { rows } = await api.db.pool.query<{ dead_letter_id: string }>(
      `SELECT dead_letter_id FROM connector_dead_letters WHERE integration_id = $1
        ORDER BY created_at, dead_letter_id`,
      [integrationId],
    );

    const listed = await allPages(key, `/v1/integrations/${integrationId}/dead-letters?limit=2`);

    expect(listed.map((d) => d.deadLetterId)).toEqual(rows.map((r) => r.dead_letter_id));
    expect(listed[0]).toMatchObject({
      reason: 'permanent_failure: rejected',
      sourceTopic: api.topics.responses,
      sourcePartition: 1,
      redrivenAt: null,
    });
  });

  it('redrives the chosen dead letters: marked redriven, ledger rows cleared, cursor moved back to them', async () => {
    const { key, integrationId, ids } = await withDeadLetters(3);
    const url = `/v1/integrations/${integrationId}/dead-letters`;
    // As if the runtime had gone on delivering past them.
    await api.db.pool.query(
      'UPDATE integration_cursors SET next_offset = 200 WHERE integration_id = $1 AND partition = 1',
      [integrationId],
    );

    const one = await api.request('POST', `${url}/redrive`, key, { ids: [ids[1]] });

    expect(one.status).toBe(202);
    expect(one.body).toEqual({ integrationId, redriven: 1 });
    const pending = await allPages(key, `${url}?pending=true`);
    expect(pending.map((d) => d.deadLetterId).sort()).toEqual([ids[0], ids[2]].sort());
    const { rows: ledger } = await api.db.pool.query<{ source_offset: string }>(
      'SELECT source_offset::text FROM connector_deliveries WHERE integration_id = $1 ORDER BY 1',
      [integrationId],
    );
    expect(ledger.map((r) => r.source_offset)).toEqual(['100', '102']);
    const { rows: cursor } = await api.db.pool.query<{ next_offset: string }>(
      `SELECT next_offset::text FROM integration_cursors WHERE integration_id = $1 AND partition = 1`,
      [integrationId],
    );
    expect(cursor[0]!.next_offset).toBe('101');

    const rest = await api.request('POST', `${url}/redrive`, key, {});
    expect(rest.body).toEqual({ integrationId, redriven: 2 });
    expect(await allPages(key, `${url}?pending=true`)).toEqual([]);
    expect((await allPages(key, `${url}?limit=10`)).every((d) => d.redrivenAt !== null)).toBe(true);
  });

  it('refuses a cursor of another listing and ids that are not UUIDs (422)', async () => {
    const { key, integrationId } = await withDeadLetters(1);
    const formsCursor = Buffer.from(
      JSON.stringify({ k: 'forms', at: '2025-03-04T10:00:00.000000Z', id: randomUUID() }),
    ).toString('base64url');
    const url = `/v1/integrations/${integrationId}/dead-letters`;
    const badCursor = await api.request('GET', `${url}?cursor=${formsCursor}`, key);
    const badIds = await api.request('POST', `${url}/redrive`, key, { ids: ['nope'] });
    expect(badCursor.status).toBe(422);
    expect(badIds.status).toBe(422);
    expect(badIds.body.errors).toEqual([expect.objectContaining({ path: '/ids/0' })]);
  });
});
