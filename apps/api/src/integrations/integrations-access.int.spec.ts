import { startIntegrationsApi, type IntegrationsApi } from './integrations-api.testing';
import type { IntegrationView } from './integration-views';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

describe('who may see and change integrations', () => {
  let api: IntegrationsApi;
  let owner: { orgId: string; key: string };
  let formId: string;
  let integration: IntegrationView;

  beforeAll(async () => {
    api = await startIntegrationsApi();
    owner = await api.newOrganisation();
    formId = await api.newForm(owner.orgId);
    const type = await api.registerType();
    const reply = await api.request('POST', `/v1/forms/${formId}/integrations`, owner.key, {
      type,
      config: { url: 'https://hooks.example.com/x', authToken: 'tok-owner-000' },
    });
    integration = reply.body as unknown as IntegrationView;
    await api.db.pool.query(
      `INSERT INTO connector_dead_letters (dead_letter_id, integration_id, response_id, reason, created_at)
       VALUES (gen_random_uuid(), $1, gen_random_uuid(), 'permanent_failure: x', now())`,
      [integration.integrationId],
    );
  });
  afterAll(() => api?.close());

  const endpoints = (): Array<[Method, string, unknown?]> => {
    const id = integration.integrationId;
    return [
      ['POST', `/v1/forms/${formId}/integrations`, { type: integration.type, config: {} }],
      ['GET', `/v1/forms/${formId}/integrations`],
      ['GET', `/v1/integrations/${id}`],
      ['PATCH', `/v1/integrations/${id}`, { expectedVersion: 1, name: 'stolen' }],
      ['POST', `/v1/integrations/${id}/pause`, {}],
      ['POST', `/v1/integrations/${id}/resume`, {}],
      ['POST', `/v1/integrations/${id}/replay`, { from: '2025-01-01T00:00:00Z' }],
      ['GET', `/v1/integrations/${id}/dead-letters`],
      ['POST', `/v1/integrations/${id}/dead-letters/redrive`, {}],
      ['DELETE', `/v1/integrations/${id}`],
    ];
  };

  it("answers 404 on every endpoint for another organisation's form or integration, and changes nothing", async () => {
    const intruder = await api.newOrganisation(['integrations:write', 'forms:read']);
    for (const [method, url, body] of endpoints()) {
      const reply = await api.request(method, url, intruder.key, body);
      expect({ method, url, status: reply.status }).toEqual({ method, url, status: 404 });
      expect(['form-not-found', 'integration-not-found']).toContain(reply.body.code);
    }
    const after = await api.request(
      'GET',
      `/v1/integrations/${integration.integrationId}`,
      owner.key,
    );
    expect(after.body).toMatchObject({ state: 'active', version: 1, name: null });
    const { rows } = await api.db.pool.query(
      'SELECT 1 FROM connector_dead_letters WHERE integration_id = $1 AND redriven_at IS NULL',
      [integration.integrationId],
    );
    expect(rows).toHaveLength(1);
    expect(api.events.filter((e) => e.orgId === intruder.orgId)).toEqual([]);
  });

  it('answers 404 for ids that name nothing', async () => {
    const paths = [
      '/v1/integrations/not-a-uuid',
      '/v1/integrations/00000000-0000-4000-8000-000000000000',
      '/v1/forms/not-a-uuid/integrations',
      '/v1/integrations/not-a-uuid/dead-letters',
    ];
    for (const path of paths) {
      expect((await api.request('GET', path, owner.key)).status).toBe(404);
    }
  });

  it('lets forms:read read but not change, and refuses keys with neither scope', async () => {
    const reader = await api.newKey(owner.orgId, ['forms:read']);
    const other = await api.newKey(owner.orgId, ['forms:write', 'responses:read']);
    for (const [method, url, body] of endpoints()) {
      const asReader = await api.request(method, url, reader, body);
      const asOther = await api.request(method, url, other, body);
      const reads = method === 'GET';
      expect({ method, url, status: asReader.status }).toEqual({
        method,
        url,
        status: reads ? 200 : 403,
      });
      expect({ method, url, status: asOther.status }).toEqual({ method, url, status: 403 });
      expect(asOther.body.code).toBe('missing-scope');
    }
  });
});
