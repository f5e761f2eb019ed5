import { startIntegrationsApi, type IntegrationsApi } from './integrations-api.testing';
import type { IntegrationView } from './integration-views';

const secret = 'tok-never-logged-5e6f7a8b';
const rotated = 'tok-never-logged-rotated-1';

describe('what the integrations API logs', () => {
  const logs: string[] = [];
  let api: IntegrationsApi;

  beforeAll(async () => {
    api = await startIntegrationsApi({ logs });
  });
  afterAll(() => api?.close());

  it('logs every change by ids, never a secret, whether the change succeeds or is refused', async () => {
    const { orgId, key } = await api.newOrganisation();
    const formId = await api.newForm(orgId);
    const type = await api.registerType();
    const url = { url: 'https://hooks.example.com/logs' };
    const reply = await api.request('POST', `/v1/forms/${formId}/integrations`, key, {
      type,
      config: { ...url, authToken: secret },
    });
    const { integrationId } = reply.body as unknown as IntegrationView;
    const path = `/v1/integrations/${integrationId}`;
    await api.request('PATCH', path, key, {
      expectedVersion: 1,
      config: { ...url, authToken: rotated },
    });
    await api.request('PATCH', path, key, {
      expectedVersion: 1,
      config: { ...url, authToken: secret },
    });
    await api.request('PATCH', path, key, {
      expectedVersion: 2,
      config: { url: 5, authToken: secret },
    });
    await api.request('POST', `/v1/forms/${formId}/integrations`, key, {
      type,
      config: { url: 'nope', authToken: secret },
    });

    const changes = logs.filter((line) => line.includes('integration changed'));
    expect(changes).toHaveLength(2);
    expect(changes[0]).toContain(integrationId);
    expect(logs.join('\n')).not.toContain(secret);
    expect(logs.join('\n')).not.toContain(rotated);
  });
});
