import type { ResponseSubmitted } from '@collect/events';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '../../../../test/support/eventually';
import { startPrivatePostgres } from '../../../../test/support/private-postgres';
import { ResponseLoad } from '../../../../tools/load/response-load';
import { addBuildingGeneration } from '../generations/generation-lifecycle';
import { projectionMigrationDirs } from '../generations/projection-migrations';
import { ProjectorHarness } from '../testing/projector-harness';
import { formSequence, tableChecksums } from '../testing/read-model-queries';
import { ProgressPrinter } from './rebuild-progress';
import { rebuildReadModel, type RebuildReport } from './rebuild-read-model';

// A rebuild switches the views of the whole database: it runs on a private Postgres.
describe('rebuilding the read model from offset zero', () => {
  let privatePostgres: Awaited<ReturnType<typeof startPrivatePostgres>>;
  let harness: ProjectorHarness;

  beforeAll(async () => {
    privatePostgres = await startPrivatePostgres();
    harness = new ProjectorHarness({ postgres: privatePostgres.connection, partitions: 4 });
    await harness.setUp();
  });

  afterAll(async () => {
    await harness?.tearDown();
    await privatePostgres?.dispose();
  });

  it('builds a generation identical to the live one, table by table, and switches over while the live projector keeps going: nothing missing or twice afterwards', async () => {
    const settled = new ResponseLoad({ forms: 12, formsPerOrg: 4, seed: 1 });
    const busy = new ResponseLoad({ forms: 4, seed: 2 });
    const settledIds = settled.forms.map((form) => form.formId);
    const busyIds = busy.forms.map((form) => form.formId);
    await harness.produce([...settled.forms, ...busy.forms].flatMap((form) => form.events));
    const settledResponses = [...settled.responses(3_000)];
    // Republished after an ambiguous produce failure: the same responseId, a new event id.
    const republished = settledResponses
      .slice(0, 20)
      .map((r) => ({ ...r, eventId: crypto.randomUUID() }));
    await harness.produce([...settledResponses, ...republished]);
    const live = harness.startProjector();
    await eventually(() => harness.caughtUp(), 'the live projector to catch up', 60_000);

    // Responses keep arriving during the rebuild, across the switch-over and after it.
    const busyResponses: ResponseSubmitted[] = [];
    const feed = async (count: number) => {
      const next = [...busy.responses(count)];
      busyResponses.push(...next);
      await harness.produce(next);
    };
    let rebuilding = true;
    const feeding = (async () => {
      while (rebuilding) {
        await feed(25);
        await sleep(40); // pacing the load, not waiting for anything
      }
      await feed(300);
    })();

    const lines: string[] = [];
    let report: RebuildReport;
    try {
      report = await rebuildReadModel(
        { kafka: harness.kafka, pool: harness.pool, serde: harness.serde },
        {
          projector: harness.options,
          migrations: projectionMigrationDirs('apps/projector/migrations'),
          keepRetiredMs: 3_600_000,
          progress: new ProgressPrinter({ write: (text) => lines.push(text) }, 200),
        },
      );
    } finally {
      rebuilding = false;
      await feeding;
    }

    expect(report).toMatchObject({ generation: 2, retired: 1, dropped: [] });
    expect(lines.join('')).toMatch(/\d[\d,]* \/ [\d,]+ events \(100\.0%\)/);
    expect(lines.join('')).toContain('switched over: generation 2 is live, generation 1 retired');
    const { rows: generations } = await harness.pool.query(
      'SELECT generation, state FROM projection.generations ORDER BY generation',
    );
    expect(generations).toEqual([
      { generation: 1, state: 'retired' },
      { generation: 2, state: 'live' },
    ]);
    const { rows: views } = await harness.pool.query<{ definition: string }>(
      `SELECT definition FROM pg_views WHERE schemaname = 'read_model'`,
    );
    expect(views.length).toBe(7);
    expect(views.every((view) => view.definition.includes('projection_g2.'))).toBe(true);

    // Identical: every table's rows of the forms that stopped changing before the rebuild.
    expect(await tableChecksums(harness.pool, 'projection_g2', settledIds)).toEqual(
      await tableChecksums(harness.pool, 'projection_g1', settledIds),
    );
    // The deferred indexes are back before the switch.
    const { rows: indexes } = await harness.pool.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'projection_g2' ORDER BY 1`,
    );
    const { rows: liveIndexes } = await harness.pool.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'projection_g1' ORDER BY 1`,
    );
    expect(indexes).toEqual(liveIndexes);

    // The live projector followed the switch: every busy response once, in log order, counted.
    await eventually(
      () => harness.caughtUp(),
      'the live projector to catch up after the switch',
      60_000,
    );
    expect(live.health).toEqual({ ready: true });
    for (const formId of busyIds) {
      const sequence = await formSequence(harness.pool, formId);
      expect(sequence.dense).toBe(true);
      expect(sequence.responseIds).toEqual(
        busyResponses.filter((r) => r.formId === formId).map((r) => r.responseId),
      );
    }
    const { rows: counters } = await harness.pool.query<{ form_id: string; n: number }>(
      `SELECT form_id, response_count::int AS n FROM read_model.form_counters
        WHERE form_id = ANY($1::uuid[])`,
      [[...settledIds, ...busyIds]],
    );
    const expected = [...settledResponses, ...busyResponses].reduce(
      (counts, r) => counts.set(r.formId, (counts.get(r.formId) ?? 0) + 1),
      new Map<string, number>(),
    );
    expect(new Map(counters.map((c) => [c.form_id, c.n]))).toEqual(expected);
  });

  it('runs one rebuild at a time, drops a generation an interrupted rebuild left and, with --drop-retired, the one it retires', async () => {
    const interrupted = await addBuildingGeneration(harness.pool);
    const rebuild = () =>
      rebuildReadModel(
        { kafka: harness.kafka, pool: harness.pool, serde: harness.serde },
        {
          projector: harness.options,
          migrations: projectionMigrationDirs('apps/projector/migrations'),
          keepRetiredMs: 0,
          progress: new ProgressPrinter({ write: () => undefined }),
        },
      );
    const outcomes = await Promise.allSettled([rebuild(), rebuild()]);
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(String((refused[0] as PromiseRejectedResult).reason)).toContain(
      'another rebuild of this read model is running',
    );
    const done = outcomes.find((outcome) => outcome.status === 'fulfilled')!;
    const report = done.value;
    expect(report.dropped).toEqual(expect.arrayContaining([1, 2]) as unknown);
    const { rows: generations } = await harness.pool.query(
      'SELECT generation, state FROM projection.generations ORDER BY generation',
    );
    expect(generations).toEqual([{ generation: report.generation, state: 'live' }]);
    expect(report.dropped).toContain(interrupted.generation);
    const { rows: schemas } = await harness.pool.query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE nspname LIKE 'projection_g%' ORDER BY 1`,
    );
    expect(schemas).toEqual([{ nspname: `projection_g${report.generation}` }]);
    await eventually(() => harness.caughtUp(), 'the live projector to follow', 60_000);
  });
});
