import { eventually } from '../../../test/support/eventually';
import { ConnectorHarness } from './testing/connector-harness';
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
});
