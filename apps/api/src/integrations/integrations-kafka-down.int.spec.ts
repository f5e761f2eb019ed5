import { createKafka } from '@collect/kafka';
import { stackEnv } from '../../../../test/support/stack-env';
import { startPrivateKafka } from '../../../../test/support/private-kafka';
import type { KafkaInstance } from '../../../../tools/stack/src/kafka';
import { startIntegrationsApi, type IntegrationsApi } from './integrations-api.testing';
import type { IntegrationView } from './integration-views';

const config = { url: 'https://hooks.example.com/down', authToken: 'tok-kafka-down' };

describe('integration commands while Kafka is down (private broker)', () => {
  let broker: { kafka: KafkaInstance; dispose: () => Promise<void> };
  let api: IntegrationsApi;

  beforeAll(async () => {
    broker = await startPrivateKafka();
    api = await startIntegrationsApi({
      kafkaBrokers: [broker.kafka.bootstrapServers],
      kafkaTimeoutMs: 2_000,
    });
  });
  afterAll(async () => {
    await api?.close();
    await broker?.dispose();
  });

  async function eventsOnTopic(): Promise<number> {
    const env = stackEnv();
    const admin = createKafka({
      brokers: [broker.kafka.bootstrapServers],
      clientId: 'test',
      schemaRegistryUrl: env.schemaRegistryUrl,
      logLevel: 'error',
    }).admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(api.topics.integrations);
      return offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
    } finally {
      await admin.disconnect();
    }
  }

  async function storedRows(formId: string) {
    const { rows } = await api.db.pool.query<{ state: string; version: number }>(
      'SELECT state, version FROM integrations WHERE form_id = $1',
      [formId],
    );
    return rows;
  }

  it('answers 503 and rolls the change back when its event cannot be produced, then works again by itself', async () => {
    const { orgId, key } = await api.newOrganisation();
    const formId = await api.newForm(orgId);
    const type = await api.registerType();
    const attached = await api.request('POST', `/v1/forms/${formId}/integrations`, key, {
      type,
      config,
    });
    expect(attached.status).toBe(201);
    const { integrationId } = attached.body as unknown as IntegrationView;

    await broker.kafka.stop();
    const pause = await api.request('POST', `/v1/integrations/${integrationId}/pause`, key, {});
    const attach = await api.request('POST', `/v1/forms/${formId}/integrations`, key, {
      type,
      config,
    });

    expect(pause).toMatchObject({ status: 503, body: { code: 'events-unavailable' } });
    expect(Number(pause.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(attach.status).toBe(503);
    expect(await storedRows(formId)).toEqual([{ state: 'active', version: 1 }]);

    await broker.kafka.start();
    const retried = await api.request('POST', `/v1/integrations/${integrationId}/pause`, key, {});
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ state: 'paused', version: 2 });
    expect(await eventsOnTopic()).toBe(2); // the attach and the retried pause; nothing else
  });
});
