import { createKafka } from '@collect/kafka';
import { stackEnv } from '../../../../test/support/stack-env';
import { startIntegrationsApi, type IntegrationsApi } from './integrations-api.testing';
import type { IntegrationView } from './integration-views';

const secret = 'tok-3f9a1c77e2b04d5e';
const config = { url: 'https://hooks.example.com/collect', authToken: secret, batchSize: 50 };

describe('attaching and reading integrations', () => {
  let api: IntegrationsApi;

  beforeAll(async () => {
    api = await startIntegrationsApi();
  });
  afterAll(() => api?.close());

  async function endOffsets(): Promise<Array<{ partition: number; offset: string }>> {
    const env = stackEnv();
    const admin = createKafka({
      ...env,
      brokers: env.kafkaBrokers,
      clientId: 'test',
      logLevel: 'error',
    }).admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(api.topics.responses);
      return offsets
        .map(({ partition, high }) => ({ partition, offset: high }))
        .sort((a, b) => a.partition - b.partition);
    } finally {
      await admin.disconnect();
    }
  }

  async function cursorsOf(integrationId: string) {
    const { rows } = await api.db.pool.query<{ topic: string; partition: number; offset: string }>(
      `SELECT topic, partition, next_offset::text AS offset FROM integration_cursors
        WHERE integration_id = $1 ORDER BY partition`,
      [integrationId],
    );
    return rows;
  }

  it('attaches without history: cursors at the end of the responses topic, the secret redacted, status pending', async () => {
    const { orgId, key } = await api.newOrganisation();
    const formId = await api.newForm(orgId);
    const type = await api.registerType();
    await api.produceResponses(0, 3);
    await api.produceResponses(2, 2);
    const end = await endOffsets();

    const reply = await api.request('POST', `/v1/forms/${formId}/integrations`, key, {
      type,
      name: 'Hook',
      config,
    });

    expect(reply.status).toBe(201);
    const integration = reply.body as unknown as IntegrationView;
    expect(integration).toMatchObject({
      formId,
      type,
      name: 'Hook',
      config: { ...config, authToken: '[redacted]' },
      state: 'active',
      version: 1,
      backfill: false,
      detachedAt: null,
      status: { state: 'pending', deliveredCount: 0, backfill: null, updatedAt: null },
    });
    expect(reply.text).not.toContain(secret);
    expect(await cursorsOf(integration.integrationId)).toEqual(
      end.map(({ partition, offset }) => ({ topic: api.topics.responses, partition, offset })),
    );
    expect(end.find((p) => p.partition === 0)!.offset).not.toBe('0');
    const { rows } = await api.db.pool.query<{ config: Record<string, unknown> }>(
      'SELECT config FROM integrations WHERE integration_id = $1',
      [integration.integrationId],
    );
    expect(rows[0]!.config).toEqual(config);
  });

  it('attaches with backfill: every cursor at offset 0, so the whole history is delivered', async () => {
    const { orgId, key } = await api.newOrganisation();
    const formId = await api.newForm(orgId);
    const type = await api.registerType();
    await api.produceResponses(1, 4);

    const reply = await api.request('POST', `/v1/forms/${formId}/integrations`, key, {
      type,
      config,
      backfill: true,
    });

    expect(reply.status).toBe(201);
    const { integrationId, backfill } = reply.body as unknown as IntegrationView;
    expect(backfill).toBe(true);
    const cursors = await cursorsOf(integrationId);
    expect(cursors.map((c) => [c.partition, c.offset])).toEqual([
      [0, '0'],
      [1, '0'],
      [2, '0'],
    ]);
  });

  it('records the attach as an IntegrationAttached event without the secret', async () => {
    const { orgId, key } = await api.newOrganisation();
    const formId = await api.newForm(orgId);
    const type = await api.registerType();
    const reply = await api.request('POST', `/v1/forms/${formId}/integrations`, key, {
      type,
      name: 'Audited',
      config,
      backfill: true,
    });
    const { integrationId } = reply.body as unknown as IntegrationView;

    const event = await api.eventFor(integrationId, 'IntegrationAttached');

    expect(event).toMatchObject({
      type: 'IntegrationAttached',
      schemaVersion: 1,
      integrationId,
      formId,
      orgId,
      connectorType: type,
      version: 1,
      name: 'Audited',
      config: { ...config, authToken: '[redacted]' },
      backfill: true,
      state: 'active',
    });
    expect(api.rawEvents.join('\n')).not.toContain(secret);
  });

  it('answers 422 unknown-integration-type, listing the registered types, for a type no connector registered', async () => {
    const { orgId, key } = await api.newOrganisation();
    const formId = await api.newForm(orgId);
    const registered = await api.registerType();

    const reply = await api.request('POST', `/v1/forms/${formId}/integrations`, key, {
      type: 'carrier-pigeon',
      config,
    });

    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({
      code: 'unknown-integration-type',
      errors: [{ path: '/type', code: 'unknown_integration_type' }],
    });
    expect(reply.body.registeredTypes).toContain(registered);
  });

  it('answers 422 with one error per schema violation (JSON Pointer, keyword, message), never echoing a value', async () => {
    const { orgId, key } = await api.newOrganisation();
    const formId = await api.newForm(orgId);
    const type = await api.registerType();

    const invalid = await api.request('POST', `/v1/forms/${formId}/integrations`, key, {
      type,
      config: { url: 'not a uri', authToken: 'sh0rt', batchSize: 0, colour: 'red' },
    });
    const missing = await api.request('POST', `/v1/forms/${formId}/integrations`, key, {
      type,
      config: {},
    });

    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe('invalid-integration-config');
    const errors = invalid.body.errors as Array<{ path: string; code: string; message: string }>;
    expect(errors.map((e) => [e.path, e.code]).sort()).toEqual(
      [
        ['/config/authToken', 'minLength'],
        ['/config/batchSize', 'minimum'],
        ['/config/colour', 'additionalProperties'],
        ['/config/url', 'format'],
      ].sort(),
    );
    expect(errors.every((e) => e.message.length > 0)).toBe(true);
    expect(invalid.text).not.toContain('sh0rt');
    expect(missing.body.errors).toEqual([
      { path: '/config/url', code: 'required', message: 'url is required' },
      { path: '/config/authToken', code: 'required', message: 'authToken is required' },
    ]);
    const { rows } = await api.db.pool.query('SELECT 1 FROM integrations WHERE form_id = $1', [
      formId,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('refuses a secret sent as "[redacted]" at attach: there is no stored one to keep', async () => {
    const { orgId, key } = await api.newOrganisation();
    const formId = await api.newForm(orgId);
    const type = await api.registerType();

    const reply = await api.request('POST', `/v1/forms/${formId}/integrations`, key, {
      type,
      config: { ...config, authToken: '[redacted]' },
    });

    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual([
      expect.objectContaining({ path: '/config/authToken', code: 'redacted_secret' }),
    ]);
  });

  it("lists a form's integrations in attach order with the runtime's status and a backfill ETA", async () => {
    const { orgId, key } = await api.newOrganisation(['integrations:write']);
    const formId = await api.newForm(orgId);
    const type = await api.registerType();
    const attach = async (name: string) =>
      (
        await api.request('POST', `/v1/forms/${formId}/integrations`, key, {
          type,
          name,
          config,
          backfill: true,
        })
      ).body as unknown as IntegrationView;
    const first = await attach('first');
    const second = await attach('second');
    const reportedAt = new Date(Date.parse(first.updatedAt) + 10_000);
    await api.db.pool.query(
      `INSERT INTO integration_status (integration_id, state, delivered_count, dead_lettered_count,
         lag, oldest_undelivered_at, last_error, last_error_at, backfill_done, backfill_total, updated_at)
       VALUES ($1, 'backfilling', 250, 2, 750, now() - interval '1 hour', 'rate limited (429)', now(),
         250, 1000, $2)`,
      [first.integrationId, reportedAt],
    );
    const reader = await api.newKey(orgId, ['forms:read']);

    for (const caller of [key, reader]) {
      const reply = await api.request('GET', `/v1/forms/${formId}/integrations`, caller);
      expect(reply.status).toBe(200);
      const items = reply.body.items as IntegrationView[];
      expect(items.map((i) => i.name)).toEqual(['first', 'second']);
      expect(items[0]!.status).toMatchObject({
        state: 'backfilling',
        deliveredCount: 250,
        deadLetteredCount: 2,
        lag: 750,
        lastError: 'rate limited (429)',
        backfill: { done: 250, total: 1000, percent: 25, etaSeconds: 30 },
        updatedAt: reportedAt.toISOString(),
      });
      expect(items[0]!.status.oldestUndeliveredAgeSeconds).toBeGreaterThanOrEqual(3600);
      expect(items[1]!.status.state).toBe('pending');
      expect(reply.text).not.toContain(secret);
    }
    const one = await api.request('GET', `/v1/integrations/${second.integrationId}`, reader);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(second);
  });
});
