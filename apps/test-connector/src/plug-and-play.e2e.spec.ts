import { startApp, waitForReadyStatus, type RunningApp } from '../../../test/support/app-process';
import { eventually, within } from '../../../test/support/eventually';
import { stackEnv } from '../../../test/support/stack-env';
import {
  ApiClient,
  createPublishedForm,
  createTenant,
  validAnswers,
} from '../../api/test/api-client.testing';
import { ConnectorHarness } from './testing/connector-harness';
import { ConnectorProcesses } from './testing/connector-processes';

const adminKey = `plug-and-play-admin-${'x'.repeat(32)}`;

interface IntegrationView {
  integrationId: string;
  config: Record<string, unknown>;
  status: { state: string; deliveredCount: number };
}

/**
 * The plug-and-play claim: a connector app added to the repository, written only against the
 * connector contract, delivers the responses of the forms it is attached to through the real
 * API and topics; nothing in the API, the projector or another connector knows about it.
 */
describe('a new connector app, plugged into the running system', () => {
  const harness = new ConnectorHarness();
  // The real topics (collect.responses.v1, collect.integrations.v1): a new type reads the whole
  // history from the earliest offset, as a first deployment does.
  const processes = new ConnectorProcesses(harness, {
    CONNECTOR_RESPONSES_TOPIC: 'collect.responses.v1',
    CONNECTOR_INTEGRATIONS_TOPIC: 'collect.integrations.v1',
  });
  let api: RunningApp;
  let client: ApiClient;

  beforeAll(async () => {
    await harness.setUp();
    const env = stackEnv();
    const [started] = await Promise.all([
      startApp('api', {
        KAFKA_BROKERS: env.kafkaBrokers.join(','),
        SCHEMA_REGISTRY_URL: env.schemaRegistryUrl,
        DATABASE_URL: env.databaseUrl,
        DATABASE_PASSWORD: env.databasePassword,
        API_ADMIN_KEY: adminKey,
      }),
      processes.start(true),
    ]);
    api = started;
    await waitForReadyStatus(api, 200);
    const tenant = await createTenant(new ApiClient(api.url, adminKey));
    client = new ApiClient(api.url, tenant.key);
  });

  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await processes.stopAll();
    await harness.tearDown();
  });

  it('registers its type and config schema: the API validates configs against it and never shows the secret', async () => {
    const { formId } = await createPublishedForm(client);
    const invalid = await client.request('POST', `/v1/forms/${formId}/integrations`, {
      type: harness.type,
      config: { label: 'x', unknownField: true },
    });
    expect(invalid.status).toBe(422);
    const attached = await client.json<IntegrationView>(
      'POST',
      `/v1/forms/${formId}/integrations`,
      {
        type: harness.type,
        name: 'counting target',
        config: { label: 'x', authToken: 's3cret-token' },
      },
      201,
    );
    expect(attached.config).toEqual({ label: 'x', authToken: '[redacted]' });
  });

  it('delivers every response submitted through the API to the forms it is attached to, once, in submission order, and nothing of other forms', async () => {
    const attachedForm = await createPublishedForm(client);
    const otherForm = await createPublishedForm(client);
    const { integrationId } = await client.json<IntegrationView>(
      'POST',
      `/v1/forms/${attachedForm.formId}/integrations`,
      { type: harness.type, config: { label: 'plug and play' } },
      201,
    );

    const submitted: string[] = [];
    for (let i = 0; i < 40; i++) {
      for (const form of [attachedForm, otherForm]) {
        const accepted = await client.json<{ responseId: string }>(
          'POST',
          `/v1/forms/${form.formId}/responses`,
          { answers: validAnswers },
          202,
        );
        if (form === attachedForm) submitted.push(accepted.responseId);
      }
    }

    await eventually(
      async () => (await harness.target.count(integrationId)) >= submitted.length,
      'the test target to receive every response of the attached form',
      120_000,
    );
    expect(await harness.target.received(integrationId)).toEqual(submitted);
    const { rows } = await harness.pool.query<{ count: string }>(
      'SELECT count(*) FROM test_target_deliveries WHERE form_id = $1',
      [otherForm.formId],
    );
    expect(Number(rows[0]!.count)).toBe(0);
    await eventually(
      async () => {
        const { items } = await client.json<{ items: IntegrationView[] }>(
          'GET',
          `/v1/forms/${attachedForm.formId}/integrations`,
          undefined,
          200,
        );
        return (
          items[0]?.status.deliveredCount === submitted.length && items[0].status.state === 'live'
        );
      },
      'the API to show the delivery status the runtime reports',
      30_000,
    );
  });

  it('stops gracefully on SIGTERM: leaves its group and exits 0 within its shutdown budget', async () => {
    const [app] = [...processes.running];
    app!.child.kill('SIGTERM');
    const exit = await within(app!.exited, 15_000, 'the connector to exit after SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
  });
});
