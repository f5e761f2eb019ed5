import { startIntegrationsApi, type IntegrationsApi } from './integrations-api.testing';
import type { IntegrationView, ReplayView } from './integration-views';

const secret = 'tok-9d8e7f6a5b4c3d2e';
const config = { url: 'https://hooks.example.com/a', authToken: secret };

describe('changing integrations', () => {
  let api: IntegrationsApi;

  beforeAll(async () => {
    api = await startIntegrationsApi();
  });
  afterAll(() => api?.close());

  async function attached(): Promise<{ key: string; integration: IntegrationView }> {
    const { orgId, key } = await api.newOrganisation();
    const formId = await api.newForm(orgId);
    const type = await api.registerType();
    const reply = await api.request('POST', `/v1/forms/${formId}/integrations`, key, {
      type,
      name: 'Hook',
      config,
    });
    expect(reply.status).toBe(201);
    return { key, integration: reply.body as unknown as IntegrationView };
  }

  async function storedConfig(integrationId: string): Promise<Record<string, unknown>> {
    const { rows } = await api.db.pool.query<{ config: Record<string, unknown> }>(
      'SELECT config FROM integrations WHERE integration_id = $1',
      [integrationId],
    );
    return rows[0]!.config;
  }

  it('keeps the stored secret when a read-modify-write sends the redacted config back', async () => {
    const { key, integration } = await attached();
    const read = await api.request('GET', `/v1/integrations/${integration.integrationId}`, key);
    const body = read.body as unknown as IntegrationView;

    const reply = await api.request('PATCH', `/v1/integrations/${integration.integrationId}`, key, {
      expectedVersion: body.version,
      name: 'Renamed',
      config: { ...body.config, url: 'https://hooks.example.com/b' },
    });

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      name: 'Renamed',
      version: 2,
      config: { url: 'https://hooks.example.com/b', authToken: '[redacted]' },
    });
    expect(reply.text).not.toContain(secret);
    expect(await storedConfig(integration.integrationId)).toEqual({
      url: 'https://hooks.example.com/b',
      authToken: secret,
    });
    const event = await api.eventFor(integration.integrationId, 'IntegrationUpdated', 2);
    expect(event).toMatchObject({ name: 'Renamed', config: { authToken: '[redacted]' } });
    expect(api.rawEvents.join('\n')).not.toContain(secret);
  });

  it('keeps the stored secret when the config leaves it out, and replaces it when a new one is sent', async () => {
    const { key, integration } = await attached();
    const url = `/v1/integrations/${integration.integrationId}`;

    await api.request('PATCH', url, key, {
      expectedVersion: 1,
      config: { url: 'https://hooks.example.com/c' },
    });
    expect(await storedConfig(integration.integrationId)).toMatchObject({ authToken: secret });

    const rotated = await api.request('PATCH', url, key, {
      expectedVersion: 2,
      config: { url: 'https://hooks.example.com/c', authToken: 'rotated-token-1' },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.text).not.toContain('rotated-token-1');
    expect(await storedConfig(integration.integrationId)).toMatchObject({
      authToken: 'rotated-token-1',
    });
  });

  it('answers 409 with the current version for a stale expectedVersion, and changes nothing', async () => {
    const { key, integration } = await attached();
    const url = `/v1/integrations/${integration.integrationId}`;
    await api.request('PATCH', url, key, { expectedVersion: 1, name: 'First' });

    const stale = await api.request('PATCH', url, key, { expectedVersion: 1, name: 'Second' });
    const stalePause = await api.request('POST', `${url}/pause`, key, { expectedVersion: 1 });
    const staleDetach = await api.request('DELETE', `${url}?expectedVersion=1`, key);

    for (const reply of [stale, stalePause, staleDetach]) {
      expect(reply.status).toBe(409);
      expect(reply.body).toMatchObject({
        code: 'version-conflict',
        currentVersion: 2,
        expectedVersion: 1,
      });
    }
    expect((await api.request('GET', url, key)).body).toMatchObject({
      name: 'First',
      state: 'active',
      version: 2,
    });
  });

  it('lets exactly one of two concurrent changes built on the same version win', async () => {
    const { key, integration } = await attached();
    const url = `/v1/integrations/${integration.integrationId}`;

    const replies = await Promise.all(
      ['Left', 'Right'].map((name) => api.request('PATCH', url, key, { expectedVersion: 1, name })),
    );

    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = replies.find((r) => r.status === 200)!.body as unknown as IntegrationView;
    expect((await api.request('GET', url, key)).body).toMatchObject({
      name: winner.name,
      version: 2,
    });
    await api.eventFor(integration.integrationId, 'IntegrationUpdated', 2);
    expect(
      api.events.filter((e) => e.integrationId === integration.integrationId && e.version === 2),
    ).toHaveLength(1);
  });

  it('validates a changed config against the type schema (422) and keeps the stored one', async () => {
    const { key, integration } = await attached();
    const reply = await api.request('PATCH', `/v1/integrations/${integration.integrationId}`, key, {
      expectedVersion: 1,
      config: { url: 'nope', authToken: '[redacted]', extra: 1 },
    });
    expect(reply.status).toBe(422);
    expect((reply.body.errors as Array<{ path: string }>).map((e) => e.path).sort()).toEqual([
      '/config/extra',
      '/config/url',
    ]);
    expect(await storedConfig(integration.integrationId)).toEqual(config);
  });

  it('pauses, resumes and detaches, each a new version with its event; repeating one changes nothing', async () => {
    const { key, integration } = await attached();
    const id = integration.integrationId;
    const url = `/v1/integrations/${id}`;

    const paused = await api.request('POST', `${url}/pause`, key, {});
    const pausedAgain = await api.request('POST', `${url}/pause`, key);
    const resumed = await api.request('POST', `${url}/resume`, key, { expectedVersion: 2 });
    const detached = await api.request('DELETE', url, key);
    const detachedAgain = await api.request('DELETE', url, key);

    expect([paused, pausedAgain, resumed, detached, detachedAgain].map((r) => r.status)).toEqual([
      200, 200, 200, 200, 200,
    ]);
    expect(paused.body).toMatchObject({ state: 'paused', version: 2 });
    expect(pausedAgain.body).toMatchObject({ state: 'paused', version: 2 });
    expect(resumed.body).toMatchObject({ state: 'active', version: 3 });
    expect(detached.body).toMatchObject({ state: 'detached', version: 4 });
    expect(detached.body.detachedAt).toEqual(expect.any(String));
    expect(detachedAgain.body).toMatchObject({ version: 4 });
    await api.eventFor(id, 'IntegrationPaused', 2);
    await api.eventFor(id, 'IntegrationResumed', 3);
    await api.eventFor(id, 'IntegrationDetached', 4);
    expect(api.events.filter((e) => e.integrationId === id).map((e) => e.version)).toEqual([
      1, 2, 3, 4,
    ]);

    const afterDetach = await api.request('POST', `${url}/resume`, key, {});
    expect(afterDetach.status).toBe(409);
    expect(afterDetach.body.code).toBe('integration-detached');
    const listed = await api.request('GET', `/v1/forms/${integration.formId}/integrations`, key);
    expect(listed.body.items).toEqual([]);
    const withDetached = await api.request(
      'GET',
      `/v1/forms/${integration.formId}/integrations?includeDetached=true`,
      key,
    );
    expect((withDetached.body.items as IntegrationView[]).map((i) => i.state)).toEqual([
      'detached',
    ]);
  });

  it('replays from a timestamp: cursors move back to the first response since then and the ledger from there is cleared', async () => {
    const { key, integration } = await attached();
    const id = integration.integrationId;
    const before = new Date(Date.now() - 60 * 60_000);
    const from = new Date(Date.now() - 30 * 60_000);
    await api.produceResponses(1, 2, before);
    await api.produceResponses(1, 3, new Date(Date.now() - 10 * 60_000));
    // As if the runtime had delivered everything on partition 1 up to its end.
    const { rows: end } = await api.db.pool.query<{ next_offset: string }>(
      `UPDATE integration_cursors SET next_offset = next_offset + 5
        WHERE integration_id = $1 AND partition = 1 RETURNING next_offset::text`,
      [id],
    );
    const endOffset = BigInt(end[0]!.next_offset);
    const responseIds = [0n, 1n, 2n, 3n, 4n].map((i) => ({
      id: `00000000-0000-4000-8000-00000000000${i}`,
      offset: endOffset - 5n + i,
    }));
    for (const { id: responseId, offset } of responseIds) {
      await api.db.pool.query(
        `INSERT INTO connector_deliveries (integration_id, response_id, state, attempts,
           source_partition, source_offset, updated_at) VALUES ($1, $2, 'delivered', 1, 1, $3, now())`,
        [id, responseId, offset.toString()],
      );
    }

    const reply = await api.request('POST', `/v1/integrations/${id}/replay`, key, {
      from: from.toISOString(),
    });

    expect(reply.status).toBe(202);
    const replay = reply.body as unknown as ReplayView;
    expect(replay).toMatchObject({
      integrationId: id,
      version: 2,
      from: from.toISOString(),
      topic: api.topics.responses,
      clearedDeliveries: 3,
    });
    const partition1 = replay.positions.find((p) => p.partition === 1)!;
    expect(BigInt(partition1.offset)).toBe(endOffset - 3n);
    const { rows: cursors } = await api.db.pool.query<{ partition: number; next_offset: string }>(
      'SELECT partition, next_offset::text FROM integration_cursors WHERE integration_id = $1 ORDER BY partition',
      [id],
    );
    expect(cursors.map((c) => ({ partition: c.partition, offset: c.next_offset }))).toEqual(
      replay.positions,
    );
    const { rows: kept } = await api.db.pool.query<{ source_offset: string }>(
      'SELECT source_offset::text FROM connector_deliveries WHERE integration_id = $1 ORDER BY source_offset',
      [id],
    );
    expect(kept.map((r) => BigInt(r.source_offset))).toEqual([endOffset - 5n, endOffset - 4n]);
    expect(await api.eventFor(id, 'IntegrationReplayRequested', 2)).toMatchObject({
      from: from.toISOString(),
    });
  });

  it('never moves a cursor forward on replay: an integration behind the replay point skips nothing', async () => {
    const { key, integration } = await attached();
    const id = integration.integrationId;
    await api.db.pool.query(
      'UPDATE integration_cursors SET next_offset = 0 WHERE integration_id = $1',
      [id],
    );
    await api.produceResponses(2, 2, new Date(Date.now() - 5 * 60_000));

    const reply = await api.request('POST', `/v1/integrations/${id}/replay`, key, {
      from: new Date().toISOString(),
    });

    expect(reply.status).toBe(202);
    expect((reply.body as unknown as ReplayView).positions.map((p) => p.offset)).toEqual([
      '0',
      '0',
      '0',
    ]);
  });

  it('refuses a replay without a valid instant (422)', async () => {
    const { key, integration } = await attached();
    const reply = await api.request(
      'POST',
      `/v1/integrations/${integration.integrationId}/replay`,
      key,
      {
        from: 'yesterday',
      },
    );
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual([expect.objectContaining({ path: '/from' })]);
  });
});
