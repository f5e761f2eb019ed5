import { Logger } from '@nestjs/common';
import { ApiError } from '../../http';
import type { ReadModelDb } from '../read-model-db';
import { resolveReadModelOptions } from '../read-model-options';
import { ProjectionProgress } from './projection-progress';

/** A stand-in for read_model.offsets: next_offset per "topic:partition", and a query counter. */
function fakeOffsets(initial: Record<string, number>) {
  const offsets = new Map(Object.entries(initial));
  const state = { queries: 0, failing: false };
  const db = {
    rows: (_sql: string, [topics, partitions]: [string[], number[]]) => {
      state.queries++;
      if (state.failing) return Promise.reject(new Error('connection terminated'));
      return Promise.resolve(
        topics.flatMap((topic, i) => {
          const next = offsets.get(`${topic}:${partitions[i]}`);
          return next === undefined
            ? []
            : [{ topic, partition: partitions[i], next_offset: String(next) }];
        }),
      );
    },
  } as unknown as ReadModelDb;
  return { db, offsets, state };
}

const at = (topic: string, partition: number, offset: number) => ({
  topic,
  partition,
  offset: String(offset),
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

function progressOver(db: ReadModelDb) {
  return new ProjectionProgress(db, resolveReadModelOptions({ minPollMs: 1, maxPollMs: 5 }));
}

describe('ProjectionProgress (read-your-writes)', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(['error', 'warn', 'log']);
  });

  it('answers at once, with one look at the offsets, when the projection is already past the position', async () => {
    const { db, state } = fakeOffsets({ 'f:3': 11 });
    await progressOver(db).reach([at('f', 3, 10)], 5_000);
    expect(state.queries).toBe(1);
  });

  it('waits until the projector checkpoints past the position, then lets the read run', async () => {
    const { db, offsets } = fakeOffsets({ 'f:3': 10 });
    const progress = progressOver(db);
    let done = false;
    const reached = progress.reach([at('f', 3, 10)], 5_000).then(() => (done = true));
    await until(() => progress.waiting === 1);
    expect(done).toBe(false);
    offsets.set('f:3', 11);
    await reached;
    expect(progress.waiting).toBe(0);
  });

  it('waits for every position, including partitions not checkpointed yet', async () => {
    const { db, offsets } = fakeOffsets({ 'f:0': 5 });
    const progress = progressOver(db);
    const reached = progress.reach([at('f', 0, 4), at('r', 1, 0)], 5_000);
    await until(() => progress.waiting === 1);
    offsets.set('r:1', 1);
    await reached;
  });

  it('answers 503 projection-lagging with Retry-After when the wait runs out', async () => {
    const { db } = fakeOffsets({ 'f:3': 7 });
    const error = await progressOver(db)
      .reach([at('f', 3, 10)], 30)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, code: 'projection-lagging', retryAfterSeconds: 1 });
    expect((error as ApiError).details).toEqual({
      pending: [{ topic: 'f', partition: 3, offset: '10', projectedNextOffset: '7' }],
    });
  });

  it('does not wait at all when the read allows no wait', async () => {
    const { db, state } = fakeOffsets({});
    await expect(progressOver(db).reach([at('f', 0, 0)], 0)).rejects.toMatchObject({
      code: 'projection-lagging',
    });
    expect(state.queries).toBe(1);
  });

  it('serves many waiting reads with one query per look', async () => {
    const { db, offsets, state } = fakeOffsets({ 'f:0': 0 });
    const progress = progressOver(db);
    const reads = Array.from({ length: 50 }, (_, i) => progress.reach([at('f', 0, i % 5)], 5_000));
    await until(() => progress.waiting === 50);
    const before = state.queries;
    offsets.set('f:0', 5);
    await Promise.all(reads);
    expect(state.queries - before).toBeLessThanOrEqual(2);
  });

  it('keeps waiting through a failed look and answers once Postgres is back', async () => {
    const { db, offsets, state } = fakeOffsets({ 'f:0': 0 });
    const progress = progressOver(db);
    const reached = progress.reach([at('f', 0, 0)], 5_000);
    await until(() => progress.waiting === 1);
    state.failing = true;
    const failedAt = state.queries;
    await until(() => state.queries > failedAt + 1);
    offsets.set('f:0', 1);
    state.failing = false;
    await reached;
  });

  it('releases waiting reads with 503 when the app stops', async () => {
    const { db } = fakeOffsets({});
    const progress = progressOver(db);
    const reached = progress.reach([at('f', 0, 0)], 5_000);
    await until(() => progress.waiting === 1);
    progress.onModuleDestroy();
    await expect(reached).rejects.toMatchObject({ status: 503 });
  });
});
