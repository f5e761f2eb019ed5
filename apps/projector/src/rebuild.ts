// `npx tsx apps/projector/src/rebuild.ts [--keep-retired-hours=24] [--drop-retired]`
// Rebuilds the read model from offset zero into a new generation schema while the live one keeps
// serving, showing progress (events done / total, rate, ETA), then switches over atomically and
// retires the old generation: kept for --keep-retired-hours (a later rebuild drops it), or
// dropped at once with --drop-retired. Reads the projector's variables (see config.ts): Kafka,
// schema registry, Postgres, topics, group, dead-letter topic, batch tuning.
import { createPool } from '@collect/database';
import { EventSerde } from '@collect/events';
import { createKafka, createSchemaRegistry } from '@collect/kafka';
import { loadConfigOrExit } from '@collect/platform';
import { Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import { loadProjectorConfig } from './config';
import { projectionMigrationDirs } from './generations/projection-migrations';
import { parseRebuildFlags } from './rebuild/rebuild-flags';
import { ProgressPrinter } from './rebuild/rebuild-progress';
import { rebuildReadModel } from './rebuild/rebuild-read-model';

const config = loadConfigOrExit(() => loadProjectorConfig(), 'collect-projector rebuild');

async function main(): Promise<number> {
  const flags = parseRebuildFlags(process.argv.slice(2));
  if ('error' in flags) {
    process.stderr.write(`${flags.error}\n`);
    return 64;
  }
  Logger.overrideLogger(['error', 'warn']);
  const kafka = createKafka({
    brokers: config.kafkaBrokers,
    clientId: `${config.kafkaClientId}-rebuild`,
    schemaRegistryUrl: config.schemaRegistryUrl,
    logLevel: 'error',
  });
  const pool = createPool(
    {
      connectionString: config.databaseUrl,
      password: config.databasePassword,
      applicationName: 'collect-projector-rebuild',
      maxConnections: config.databasePoolSize,
      // Creating the deferred indexes over millions of rows takes longer than a batch may.
      statementTimeoutMs: 0,
    },
    new Logger('Postgres'),
  );
  const interrupted = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => interrupted.abort());
  }
  const progress = new ProgressPrinter(process.stdout);
  try {
    const report = await rebuildReadModel(
      {
        kafka,
        pool,
        serde: new EventSerde(createSchemaRegistry({ url: config.schemaRegistryUrl })),
      },
      {
        projector: {
          groupId: config.groupId,
          topics: { forms: config.formsTopic, responses: config.responsesTopic },
          deadLetterTopic: config.deadLetterTopic,
          replicationFactor: config.deadLetterReplicationFactor,
          partitions: config.deadLetterPartitions,
          backoff: { initialMs: config.retryInitialMs, maxMs: config.retryMaxMs },
          maxBytesPerPartition: config.maxBatchBytes,
          maxBytesPerFetch: config.maxFetchBytes,
          maxWaitTimeInMs: config.maxWaitMs,
          partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
          sessionTimeoutMs: config.sessionTimeoutMs,
        },
        migrations: projectionMigrationDirs(resolve(config.migrationsDir)),
        keepRetiredMs: flags.keepRetiredMs,
        progress,
        signal: interrupted.signal,
      },
    );
    progress.say(
      `done in ${(report.totalMs / 1000).toFixed(1)} s: ${report.events.toLocaleString('en-GB')} events ` +
        `loaded in ${(report.loadMs / 1000).toFixed(1)} s, indexes built in ${(report.indexMs / 1000).toFixed(1)} s`,
    );
    return 0;
  } catch (error) {
    progress.say(`rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await pool.end().catch(() => undefined);
  }
}

void main().then((code) => process.exit(code));
