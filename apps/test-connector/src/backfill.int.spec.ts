import { eventually } from '../../../test/support/eventually';
import { ConnectorHarness } from './testing/connector-harness';
import { newForm, responsesOf } from './testing/responses';

// The 10,000 historic responses with COLLECT_FULL=1; 2,000 in CI.
const historySize = process.env.COLLECT_FULL === '1' ? 10_000 : 2_000;

describe('backfill and replay through integration cursors', () => {
  const harness = new ConnectorHarness({ partitions: 3 });

  beforeAll(async () => {
    await harness.setUp();
    await harness.startRuntime();
  });
  afterAll(() => harness.tearDown());

  it('an integration attached with its form’s history gets all of it in submission order and then the live responses, with no gap or duplicate at the hand-over, while the first integration gets nothing twice', async () => {
    const form = newForm();
    const busyNeighbour = newForm();
    const first = await harness.attach(form);
    const neighbour = await harness.attach(busyNeighbour);
    const history = responsesOf(form, historySize);
    await harness.produce(history);
    await eventually(
      async () => (await harness.target.count(first)) === historySize,
      'the history delivered live',
      60_000,
    );

    const live = responsesOf(form, 600);
    const neighbourResponses = responsesOf(busyNeighbour, 600);
    const second = await harness.attach(form, { backfill: true });
    // Live responses keep arriving while the backfill runs.
    for (let i = 0; i < 6; i++) {
      await harness.produce([
        ...live.slice(i * 100, i * 100 + 100),
        ...neighbourResponses.slice(i * 100, i * 100 + 100),
      ]);
    }

    const all = [...history, ...live].map((r) => r.responseId);
    await eventually(
      async () => (await harness.target.count(second)) >= all.length,
      'the backfill and live responses delivered',
      90_000,
    );
    await eventually(
      async () => (await harness.target.count(first)) >= all.length,
      'the first integration to get the live ones',
      60_000,
    );
    await eventually(
      async () => (await harness.target.count(neighbour)) >= 600,
      'the neighbour to get its own',
      60_000,
    );
    expect(await harness.target.received(second)).toEqual(all);
    expect(await harness.target.received(first)).toEqual(all);
    expect(await harness.target.received(neighbour)).toEqual(
      neighbourResponses.map((r) => r.responseId),
    );
    await eventually(async () => {
      const status = await harness.status(second);
      return (
        status?.state === 'live' &&
        status.backfill_total !== null &&
        status.backfill_done === status.backfill_total
      );
    }, 'the backfill to be reported complete');
    await eventually(
      async () => Number((await harness.status(second))?.delivered_count) === all.length,
      'the delivered count to match',
    );
  });

  it('a replay from a position re-delivers exactly the responses since then, in order', async () => {
    const form = newForm();
    const integration = await harness.attach(form);
    const responses = responsesOf(form, 50);
    await harness.produce(responses.slice(0, 20));
    const since = await harness.endOffsets();
    await harness.produce(responses.slice(20));
    await eventually(
      async () => (await harness.target.count(integration)) === 50,
      'all 50 delivered',
    );

    const partitions = [...since.keys()];
    await harness.pool.query('SELECT replay_integration($1, $2, $3::int[], $4::bigint[])', [
      integration,
      harness.responsesTopic,
      partitions,
      partitions.map((p) => String(since.get(p))),
    ]);
    await eventually(
      async () => (await harness.target.count(integration)) === 80,
      'the 30 since re-delivered',
    );
    const ids = responses.map((r) => r.responseId);
    expect(await harness.target.received(integration)).toEqual([...ids, ...ids.slice(20)]);
  });

  it('a paused integration gets nothing; resumed, it catches up from where it stopped', async () => {
    const form = newForm();
    const integration = await harness.attach(form);
    const responses = responsesOf(form, 30);
    await harness.produce(responses.slice(0, 10));
    await eventually(async () => (await harness.target.count(integration)) === 10, 'ten delivered');
    await harness.setIntegrationState(integration, 'paused');
    await eventually(
      async () => (await harness.status(integration))?.state === 'paused',
      'reported paused',
    );
    await harness.produce(responses.slice(10));
    const other = await harness.attach(form);
    const otherResponses = responsesOf(form, 1);
    await harness.produce(otherResponses);
    await eventually(
      async () => (await harness.target.count(other)) === 1,
      'a live integration of the same form still served',
    );
    expect(await harness.target.count(integration)).toBe(10);

    await harness.setIntegrationState(integration, 'active');
    await eventually(
      async () => (await harness.target.count(integration)) === 31,
      'caught up after resume',
    );
    expect(await harness.target.received(integration)).toEqual(
      [...responses, ...otherResponses].map((r) => r.responseId),
    );
  });
});
