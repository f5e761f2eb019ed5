import { eventually } from '../../../test/support/eventually';
import { uniqueName } from '../../../test/support/names';
import { ConnectorHarness } from './testing/connector-harness';
import { newForm, responsesOf } from './testing/responses';

describe('rate limits across replicas', () => {
  const harness = new ConnectorHarness({ partitions: 4 });

  beforeAll(async () => {
    await harness.setUp();
    await Promise.all([harness.startRuntime(), harness.startRuntime()]);
  });
  afterAll(() => harness.tearDown());

  it('two replicas delivering to integrations that share a credential stay within its rate together, and deliver everything once', async () => {
    const credential = uniqueName('credential');
    const config = { responsesPerSecond: 20, credential };
    const forms = [newForm(), newForm(), newForm(), newForm()];
    const integrations = await Promise.all(forms.map((form) => harness.attach(form, { config })));
    const responses = forms.map((form) => responsesOf(form, 25));

    const started = Date.now();
    await harness.produce(responses.flat());
    await eventually(
      async () => {
        const counts = await Promise.all(integrations.map((id) => harness.target.count(id)));
        return counts.every((count) => count >= 25);
      },
      'all 100 responses delivered',
      60_000,
    );
    const seconds = (Date.now() - started) / 1000;
    // 100 responses, a burst of 20 and 20/s after: at least 4 s.
    expect(seconds).toBeGreaterThanOrEqual(3.5);
    for (const [index, id] of integrations.entries()) {
      expect(await harness.target.received(id)).toEqual(responses[index]!.map((r) => r.responseId));
    }
  });
});
