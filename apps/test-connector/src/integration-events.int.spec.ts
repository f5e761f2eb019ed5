import { randomUUID } from 'node:crypto';
import { integrationEventMessage, type IntegrationAttached } from '@collect/integrations';
import { eventually } from '../../../test/support/eventually';
import { ConnectorHarness } from './testing/connector-harness';
import { newForm, responsesOf } from './testing/responses';

describe('integration events as the wake-up signal', () => {
  const harness = new ConnectorHarness();

  beforeAll(async () => {
    await harness.setUp();
    // Reloads only every minute: anything sooner comes from the event.
    await harness.startRuntime({ refreshMs: 60_000 });
  });
  afterAll(() => harness.tearDown());

  it('serves a newly attached integration as soon as its IntegrationAttached event arrives, not at the next periodic reload', async () => {
    const form = newForm();
    const responses = responsesOf(form, 10);
    await harness.produce(responses);
    const integrationId = await harness.attach(form, { backfill: true });
    const event: IntegrationAttached = {
      type: 'IntegrationAttached',
      schemaVersion: 1,
      eventId: randomUUID(),
      integrationId,
      formId: form.formId,
      orgId: form.orgId,
      connectorType: harness.type,
      version: 1,
      occurredAt: new Date().toISOString(),
      name: 'test',
      config: {},
      backfill: true,
      state: 'active',
    };
    const producer = harness.kafka.producer();
    await producer.connect();
    // The watcher reads from the end: give it time to join before the event is sent.
    await eventually(
      async () => {
        await producer.send({
          topic: harness.integrationsTopic,
          messages: [integrationEventMessage(event)],
        });
        return (await harness.target.count(integrationId)) > 0;
      },
      'the integration to be served after its event',
      30_000,
    );
    await producer.disconnect();
    await eventually(
      async () => (await harness.target.count(integrationId)) === 10,
      'all ten delivered',
      20_000,
    );
    expect(await harness.target.received(integrationId)).toEqual(
      responses.map((r) => r.responseId),
    );
  });
});
