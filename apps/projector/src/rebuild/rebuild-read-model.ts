import type { EventSerde } from '@collect/events';
import type { Kafka } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { fixedTarget } from '../generations/projection-target';
import {
  addBuildingGeneration,
  dropGeneration,
  expiredGenerations,
  switchOver,
  unfinishedGenerations,
} from '../generations/generation-lifecycle';
import {
  migrateGeneration,
  migrateProjection,
  type ProjectionMigrationDirs,
} from '../generations/projection-migrations';
import { Projector, type ProjectorOptions } from '../projector';
import { createDeferredIndexes, dropDeferredIndexes } from './deferred-indexes';
import { checkpointsOf, logEnd, progressTowards } from './log-positions';
import type { ProgressPrinter } from './rebuild-progress';

export interface RebuildDependencies {
  readonly kafka: Kafka;
  readonly pool: Pool;
  readonly serde: EventSerde;
}

export interface RebuildOptions {
  /** The live projector's options: topics, dead-letter topic, batching. Its group names the rebuild's. */
  readonly projector: Omit<ProjectorOptions, 'target'>;
  readonly migrations: ProjectionMigrationDirs;
  /** How long a retired generation is kept before a rebuild drops it; 0 drops it at once. */
  readonly keepRetiredMs: number;
  readonly progress: ProgressPrinter;
  /** Create secondary indexes after the bulk load rather than maintaining them row by row. */
  readonly deferIndexes?: boolean;
  readonly signal?: AbortSignal;
}

export interface RebuildReport {
  readonly generation: number;
  readonly retired: number;
  /** Generations dropped: left unfinished by an earlier rebuild, or retired long enough. */
  readonly dropped: readonly number[];
  /** Events in the log when the rebuild started (what the bulk load applied). */
  readonly events: bigint;
  readonly loadMs: number;
  readonly indexMs: number;
  readonly totalMs: number;
}

/** One rebuild at a time per database (session-level advisory lock). */
const REBUILD_LOCK = 'collect.projection.rebuild';

/**
 * Rebuilds the read model from offset zero into a new generation while the live one keeps
 * serving, then switches over:
 * 1. adds generation N (`building`), migrates its schema and drops the indexes the load does not
 *    need (dropping first any generation an earlier rebuild left unfinished);
 * 2. runs a projector of its own (group `<group>.rebuild-g<N>-<time>`) into generation N from offset
 *    zero until it reaches the end the log had when the rebuild started, printing progress;
 * 3. stops it, creates the deferred indexes, restarts it to catch up with what arrived meanwhile;
 * 4. switches over in one transaction (views and projection.generations) — the live projector
 *    follows by itself — stops its own projector and drops expired retired generations.
 * An interrupted rebuild leaves generation N building and the live one untouched.
 */
export async function rebuildReadModel(
  dependencies: RebuildDependencies,
  options: RebuildOptions,
): Promise<RebuildReport> {
  const started = performance.now();
  const { pool, kafka } = dependencies;
  const { progress } = options;
  const lock = await acquireRebuildLock(pool);
  let projector: Projector | undefined;
  try {
    await migrateProjection(pool, options.migrations);
    const dropped: number[] = [];
    for (const generation of await unfinishedGenerations(pool)) {
      progress.say(`dropping generation ${generation}, left unfinished by an earlier rebuild`);
      await dropGeneration(pool, generation);
      dropped.push(generation);
    }
    dropped.push(...(await dropExpired(pool, options.keepRetiredMs, progress)));

    const building = await addBuildingGeneration(pool);
    await migrateGeneration(pool, options.migrations, building.schemaName);
    const deferred =
      options.deferIndexes === false ? [] : await dropDeferredIndexes(pool, building.schemaName);
    const topics = [options.projector.topics.forms, options.projector.topics.responses];
    const start = await logEnd(kafka, topics);
    const events = progressTowards(start, new Map()).total;
    progress.say(
      `building generation ${building.generation} (${building.schemaName}) from offset zero: ` +
        `${events.toLocaleString('en-GB')} events in the log`,
    );
    // Its own group each run: a number an earlier, dropped generation had may come back.
    const groupId = `${options.projector.groupId}.rebuild-g${building.generation}-${Date.now().toString(36)}`;
    const startProjector = (): Projector => {
      const instance = new Projector(dependencies, {
        ...options.projector,
        groupId,
        target: fixedTarget(building.generation),
      });
      instance.start();
      return instance;
    };

    projector = startProjector();
    const follow = (end: Awaited<ReturnType<typeof logEnd>>) =>
      followUntilReached(pool, building.schemaName, end, projector!, options);
    await follow(start);
    const loadMs = performance.now() - started;

    const indexStarted = performance.now();
    if (deferred.length > 0) {
      await projector.stop();
      progress.say(`loaded; creating ${deferred.length} deferred indexes`);
      await createDeferredIndexes(pool, building.schemaName, deferred);
      projector = startProjector();
    }
    const indexMs = performance.now() - indexStarted;
    progress.say(`catching up with the events that arrived meanwhile`);
    await follow(await logEnd(kafka, topics));

    const retired = await switchOver(pool, building.generation);
    progress.say(
      `switched over: generation ${building.generation} is live, generation ${retired} retired`,
    );
    await projector.stop();
    projector = undefined;
    dropped.push(...(await dropExpired(pool, options.keepRetiredMs, progress)));
    return {
      generation: building.generation,
      retired,
      dropped,
      events,
      loadMs,
      indexMs,
      totalMs: performance.now() - started,
    };
  } finally {
    await projector?.stop();
    await releaseRebuildLock(lock);
  }
}

async function followUntilReached(
  pool: Pool,
  schemaName: string,
  end: Awaited<ReturnType<typeof logEnd>>,
  projector: Projector,
  options: RebuildOptions,
): Promise<void> {
  for (;;) {
    const { done, total, reached } = progressTowards(end, await checkpointsOf(pool, schemaName));
    options.progress.sample({ done, total, atMs: performance.now() }, reached);
    if (reached) return;
    const { reason } = projector.health;
    if (reason?.startsWith('consumer failed')) throw new Error(`the rebuild's ${reason}`);
    if (options.signal?.aborted) throw new Error('rebuild interrupted');
    await sleep(Math.min(options.progress.intervalMs, 500));
  }
}

async function dropExpired(
  pool: Pool,
  keepRetiredMs: number,
  progress: ProgressPrinter,
): Promise<number[]> {
  const expired = await expiredGenerations(pool, keepRetiredMs);
  for (const generation of expired) {
    progress.say(`dropping retired generation ${generation}`);
    await dropGeneration(pool, generation);
  }
  return expired;
}

async function acquireRebuildLock(pool: Pool): Promise<PoolClient> {
  const client = await pool.connect();
  const { rows } = await client.query<{ locked: boolean }>(
    'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
    [REBUILD_LOCK],
  );
  if (!rows[0]!.locked) {
    client.release();
    throw new Error('another rebuild of this read model is running');
  }
  return client;
}

async function releaseRebuildLock(client: PoolClient): Promise<void> {
  await client
    .query('SELECT pg_advisory_unlock(hashtext($1))', [REBUILD_LOCK])
    .catch(() => undefined);
  client.release();
}
