// One replay of the benchmark's topics into an empty read model, two ways: a rebuild (a fresh
// generation, indexes created after the bulk load) and the live projector (every index
// maintained row by row, as after a fresh deploy with an empty database).
import type { EventSerde } from '@collect/events';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import {
  migrateProjection,
  projectionMigrationDirs,
} from '../../apps/projector/src/generations/projection-migrations';
import { Projector, type ProjectorOptions } from '../../apps/projector/src/projector';
import { ProgressPrinter } from '../../apps/projector/src/rebuild/rebuild-progress';
import { rebuildReadModel } from '../../apps/projector/src/rebuild/rebuild-read-model';
import {
  checkpointsOf,
  logEnd,
  progressTowards,
} from '../../apps/projector/src/rebuild/log-positions';
import { cpuSecondsOfTree, ownCpuSeconds, type PrivatePostgres } from './projector-bench-support';

export interface ReplayTopics {
  readonly forms: string;
  readonly responses: string;
}

export interface ReplayTuning {
  readonly maxBytesPerPartition: number;
  readonly maxBytesPerFetch: number;
  readonly partitionsConsumedConcurrently: number;
  readonly maxWaitTimeInMs: number;
}

export interface ReplayRun {
  readonly mode: 'rebuild' | 'live';
  readonly responses: number;
  readonly rows: number;
  /** Until every event was applied (a rebuild: before its indexes). */
  readonly loadSeconds: number;
  /** A rebuild: load + index creation + catch-up + switch-over. */
  readonly totalSeconds: number;
  readonly responsesPerSecond: number;
  readonly rowsPerSecond: number;
  readonly projectorCpuUsPerResponse: number;
  readonly postgresCpuUsPerResponse: number;
}

const migrations = projectionMigrationDirs('apps/projector/migrations');

function projectorOptions(topics: ReplayTopics, tuning: ReplayTuning): ProjectorOptions {
  const prefix = `bench-replay-${randomBytes(4).toString('hex')}`;
  return {
    groupId: prefix,
    topics,
    deadLetterTopic: `${prefix}.dlq`,
    replicationFactor: 1,
    partitions: 1,
    backoff: { initialMs: 100, maxMs: 2_000 },
    ...tuning,
  };
}

async function rowCounts(pool: Pool, schema: string): Promise<{ responses: number; rows: number }> {
  const { rows } = await pool.query<{ responses: string; answers: string }>(
    `SELECT (SELECT count(*) FROM ${schema}.responses) AS responses,
            (SELECT count(*) FROM ${schema}.answers) AS answers`,
  );
  const responses = Number(rows[0]!.responses);
  return { responses, rows: responses + Number(rows[0]!.answers) };
}

function run(
  mode: ReplayRun['mode'],
  counts: { responses: number; rows: number },
  loadSeconds: number,
  totalSeconds: number,
  cpu: { own: number; postgres: number },
): ReplayRun {
  const perResponse = (seconds: number) => Math.round((seconds / counts.responses) * 1e6);
  return {
    mode,
    ...counts,
    loadSeconds: Number(loadSeconds.toFixed(1)),
    totalSeconds: Number(totalSeconds.toFixed(1)),
    responsesPerSecond: Math.round(counts.responses / loadSeconds),
    rowsPerSecond: Math.round(counts.rows / loadSeconds),
    projectorCpuUsPerResponse: perResponse(cpu.own),
    postgresCpuUsPerResponse: perResponse(cpu.postgres),
  };
}

/** A rebuild of the read model (the command's code, in this process) from offset zero. */
export async function replayByRebuild(
  postgres: PrivatePostgres,
  dependencies: { kafka: Kafka; serde: EventSerde },
  topics: ReplayTopics,
  tuning: ReplayTuning,
): Promise<ReplayRun> {
  const pool = postgres.pool();
  try {
    const cpu = { own: ownCpuSeconds(), postgres: cpuSecondsOfTree(postgres.instance.pid()) };
    const report = await rebuildReadModel(
      { ...dependencies, pool },
      {
        projector: projectorOptions(topics, tuning),
        migrations,
        keepRetiredMs: 0,
        progress: new ProgressPrinter({ write: (text) => process.stdout.write(`  ${text}`) }),
      },
    );
    const loadCpu = {
      own: ownCpuSeconds() - cpu.own,
      postgres: cpuSecondsOfTree(postgres.instance.pid()) - cpu.postgres,
    };
    const counts = await rowCounts(pool, `projection_g${report.generation}`);
    return run('rebuild', counts, report.loadMs / 1000, report.totalMs / 1000, loadCpu);
  } finally {
    await pool.end();
  }
}

/** The live projector into a fresh, empty database with every index in place. */
export async function replayLive(
  postgres: PrivatePostgres,
  dependencies: { kafka: Kafka; serde: EventSerde },
  topics: ReplayTopics,
  tuning: ReplayTuning,
): Promise<ReplayRun> {
  const database = `replay_${randomBytes(4).toString('hex')}`;
  await postgres.instance.ensureDatabase(database);
  const pool = postgres.pool(database);
  const projector = new Projector({ ...dependencies, pool }, projectorOptions(topics, tuning));
  try {
    await migrateProjection(pool, migrations);
    const end = await logEnd(dependencies.kafka, [topics.forms, topics.responses]);
    const cpu = { own: ownCpuSeconds(), postgres: cpuSecondsOfTree(postgres.instance.pid()) };
    const started = performance.now();
    projector.start();
    const progress = new ProgressPrinter({ write: (text) => process.stdout.write(`  ${text}`) });
    for (;;) {
      const { done, total, reached } = progressTowards(
        end,
        await checkpointsOf(pool, 'projection_g1'),
      );
      progress.sample({ done, total, atMs: performance.now() }, reached);
      if (reached) break;
      await sleep(250);
    }
    const seconds = (performance.now() - started) / 1000;
    const used = {
      own: ownCpuSeconds() - cpu.own,
      postgres: cpuSecondsOfTree(postgres.instance.pid()) - cpu.postgres,
    };
    return run('live', await rowCounts(pool, 'projection_g1'), seconds, seconds, used);
  } finally {
    await projector.stop();
    await pool.end();
  }
}
