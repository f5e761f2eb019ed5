import type { ResponseSubmitted } from '@collect/events';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '../../../../test/support/eventually';
import { startPrivatePostgres } from '../../../../test/support/private-postgres';
import { publishedFormEvents, responseEvent } from '../testing/form-fixtures';
import { ProjectorHarness } from '../testing/projector-harness';
import { countWhere, formSequence } from '../testing/read-model-queries';

const OUTAGE_MS = 30_000;

describe('a Postgres outage', () => {
  let privatePostgres: Awaited<ReturnType<typeof startPrivatePostgres>>;
  let harness: ProjectorHarness;

  beforeAll(async () => {
    privatePostgres = await startPrivatePostgres();
    harness = new ProjectorHarness({
      postgres: { ...privatePostgres.connection, connectionTimeoutMillis: 2_000 },
    });
    await harness.setUp();
  });

  afterAll(async () => {
    await harness?.tearDown();
    await privatePostgres?.dispose();
  });

  it('pauses the projector while Postgres is down for 30 s mid-load, then catches up with nothing lost and nothing twice', async () => {
    const orgId = randomUUID();
    const formIds = Array.from({ length: 6 }, () => randomUUID());
    await harness.produce(formIds.flatMap((formId) => publishedFormEvents(orgId, formId)));
    const responses: ResponseSubmitted[] = Array.from({ length: 3_000 }, (_, n) =>
      responseEvent(orgId, formIds[n % formIds.length]!, n),
    );
    await harness.produce(responses.slice(0, 1_000));
    const projector = harness.startProjector();
    await eventually(
      async () => (await countWhere(harness.pool, 'responses', formIds)) > 0,
      'the first responses to be projected',
    );

    await privatePostgres.postgres.stop();
    const outageEnds = Date.now() + OUTAGE_MS;
    for (let start = 1_000; start < 3_000; start += 250) {
      await harness.produce(responses.slice(start, start + 250));
      await sleep(1_000);
    }
    await sleep(Math.max(outageEnds - Date.now(), 0));
    expect(projector.health).toEqual({ ready: true });
    await privatePostgres.postgres.start();

    await eventually(
      () => harness.caughtUp().catch(() => false),
      'the projector to catch up',
      60_000,
    );
    expect(await countWhere(harness.pool, 'responses', formIds)).toBe(3_000);
    expect(await countWhere(harness.pool, 'answers', formIds)).toBe(3_000 * 5);
    for (const formId of formIds) {
      const sequence = await formSequence(harness.pool, formId);
      expect(sequence.dense).toBe(true);
      expect(sequence.responseIds).toEqual(
        responses.filter((r) => r.formId === formId).map((r) => r.responseId),
      );
    }
    const { rows } = await harness.pool.query<{ n: number }>(
      'SELECT DISTINCT response_count::int AS n FROM read_model.form_counters WHERE form_id = ANY($1::uuid[])',
      [formIds],
    );
    expect(rows).toEqual([{ n: 500 }]);
    expect(projector.health).toEqual({ ready: true });
  });
});
