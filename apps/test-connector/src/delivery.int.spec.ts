import { eventually } from '../../../test/support/eventually';
import { ConnectorHarness } from './testing/connector-harness';
import { testTargetConfigSchema } from './test-target-config';
import { newForm, responsesOf } from './testing/responses';

describe('the connector runtime delivering to the test target', () => {
  const harness = new ConnectorHarness();

  beforeAll(() => harness.setUp());
  afterAll(() => harness.tearDown());

  it('delivers every response of the forms it is attached to exactly once, in submission order, and nothing of other forms', async () => {
    const formA = newForm();
    const formB = newForm();
    const unattached = newForm();
    const a = await harness.attach(formA);
    const b1 = await harness.attach(formB);
    const b2 = await harness.attach(formB);
    await harness.startRuntime();

    const forA = responsesOf(formA, 120);
    const forB = responsesOf(formB, 80);
    const interleaved = forA.flatMap((r, i) => [r, ...(forB[i] ? [forB[i]] : [])]);
    await harness.produce([...interleaved, ...responsesOf(unattached, 20)]);

    await eventually(
      async () =>
        (await harness.target.count(a)) >= 120 &&
        (await harness.target.count(b1)) >= 80 &&
        (await harness.target.count(b2)) >= 80,
      'every response delivered',
      60_000,
    );
    expect(await harness.target.received(a)).toEqual(forA.map((r) => r.responseId));
    expect(await harness.target.received(b1)).toEqual(forB.map((r) => r.responseId));
    expect(await harness.target.received(b2)).toEqual(forB.map((r) => r.responseId));
  });

  it('registers its type, config schema and secret paths when it starts', async () => {
    const { rows } = await harness.pool.query<{ config_schema: unknown; secret_paths: string[] }>(
      'SELECT config_schema, secret_paths FROM connector_types WHERE type = $1',
      [harness.type],
    );
    expect(rows).toEqual([{ config_schema: testTargetConfigSchema, secret_paths: ['/authToken'] }]);
  });

  it('delivers nothing more to an integration once it is detached', async () => {
    const form = newForm();
    const integration = await harness.attach(form);
    const keeps = await harness.attach(form);
    await harness.produce(responsesOf(form, 5));
    await eventually(async () => (await harness.target.count(integration)) === 5, 'five delivered');
    await harness.setIntegrationState(integration, 'detached');
    await harness.produce(responsesOf(form, 5));
    await eventually(async () => (await harness.target.count(keeps)) === 10, 'the other gets ten');
    expect(await harness.target.count(integration)).toBe(5);
  });

  it('keeps integration_status current: live, with its delivered count', async () => {
    const form = newForm();
    const integration = await harness.attach(form);
    await harness.produce(responsesOf(form, 7));
    await eventually(async () => {
      const status = await harness.status(integration);
      return (
        status?.state === 'live' && Number(status.delivered_count) === 7 && status.lag !== null
      );
    }, 'the status to show seven delivered, live');
  });
});
