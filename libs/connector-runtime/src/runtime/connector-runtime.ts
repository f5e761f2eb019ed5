import { setTimeout as sleep } from 'node:timers/promises';
import { runMigrations, type MigrationOptions } from '@collect/database';
import type { EventSerde } from '@collect/events';
import {
  PartitionBatchConsumer,
  retriableFlag,
  retryWhileRetriable,
  type ConsumerHealth,
} from '@collect/kafka';
import { Logger } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { CatchUpReader } from '../catch-up/catch-up-reader';
import { GroupCheckpoints } from '../checkpoints/group-checkpoints';
import type { RuntimeConnector } from '../contract/runtime-connector';
import { DeadLetterPublisher } from '../dead-letters/dead-letter-publisher';
import { DeliveryRound } from '../delivery/delivery-round';
import { IntegrationBackoff } from '../delivery/integration-backoff';
import { ConnectorRuntimeError, describeError } from '../errors/connector-runtime-error';
import { fromDatabaseError } from '../errors/from-database-error';
import { IntegrationCache } from '../integrations/integration-cache';
import { IntegrationEventsWatcher } from '../integrations/integration-events-watcher';
import { LiveBatchHandler } from '../live/live-batch-handler';
import { TokenBuckets } from '../rate-limit/token-buckets';
import {
  assertValidConnector,
  registerConnectorType,
} from '../registration/register-connector-type';
import { BackfillProgress } from '../status/backfill-progress';
import { DeliveryTracker } from '../status/delivery-tracker';
import { StatusNotes } from '../status/status-notes';
import { StatusReporter } from '../status/status-reporter';
import { RuntimeMetrics } from '../telemetry/runtime-metrics';
import { RefreshLoop } from './refresh-loop';
import { topicPartitions } from './topic-partitions';
import type { RuntimeOptions } from './runtime-options';

export interface RuntimeDependencies {
  readonly kafka: Kafka;
  readonly pool: Pool;
  readonly serde: EventSerde;
  readonly connector: RuntimeConnector;
}

export interface RuntimeStartOptions extends RuntimeOptions {
  /** The integrations contract's migrations, applied before anything else. */
  readonly migrations: MigrationOptions;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
}

/**
 * One connector type's runtime, without Nest: applies the contract migrations, registers the
 * type, then runs the live consumer (group `collect.connector.<type>`), the catch-up reader, the
 * integration event watcher and the refresh loop. Tests start it in-process; apps through
 * `runConnector`.
 */
export class ConnectorRuntime {
  private readonly logger: Logger;
  private readonly stopping = new AbortController();
  private readonly integrations: IntegrationCache;
  private readonly backoff: IntegrationBackoff;
  private readonly tracker = new DeliveryTracker();
  /** Connectors' notes; making one wakes the refresh loop, which writes the status. */
  private readonly notes = new StatusNotes(() => this.loop?.wake());
  private readonly deadLetters: DeadLetterPublisher;
  private readonly round: DeliveryRound;
  private readonly metrics: RuntimeMetrics;
  private consumer: PartitionBatchConsumer | undefined;
  private reader: CatchUpReader | undefined;
  private watcher: IntegrationEventsWatcher | undefined;
  private loop: RefreshLoop | undefined;
  private admin: Admin | undefined;
  private owned = new Set<number>();
  private started = false;
  private connectorStarted = false;
  private failure: string | undefined;

  constructor(
    private readonly deps: RuntimeDependencies,
    private readonly options: RuntimeStartOptions,
  ) {
    assertValidConnector(deps.connector);
    this.logger = new Logger(`Connector ${deps.connector.type}`);
    this.integrations = new IntegrationCache(deps.pool, deps.connector.type);
    this.backoff = new IntegrationBackoff(options.backoff);
    this.metrics = new RuntimeMetrics(deps.connector.type);
    this.deadLetters = new DeadLetterPublisher(deps.kafka, {
      topic: options.deadLetterTopic,
      consumer: options.groupId,
      replicationFactor: options.deadLetterReplicationFactor,
      partitions: options.deadLetterPartitions,
    });
    this.round = new DeliveryRound({
      pool: deps.pool,
      serde: deps.serde,
      connector: deps.connector,
      buckets: new TokenBuckets(deps.pool, deps.connector.type),
      deadLetters: this.deadLetters,
      metrics: this.metrics,
      targetConcurrency: options.targetConcurrency,
      stopping: this.stopping.signal,
      notes: this.notes,
    });
  }

  get health(): ConsumerHealth {
    if (this.failure) return { ready: false, reason: `connector failed: ${this.failure}` };
    if (!this.started) return { ready: false, reason: 'starting' };
    return this.consumer?.health ?? { ready: false, reason: 'starting' };
  }

  /**
   * Prepares (waiting for Postgres and Kafka with backoff), starts the connector (its retriable
   * failures are retried the same way; any other stops here, readiness says why) and delivers.
   */
  async start(): Promise<'started' | 'stopped'> {
    const prepared = await this.retrying('prepare the connector', () => this.prepare());
    if (prepared.status === 'abandoned' || this.stopping.signal.aborted) return 'stopped';
    try {
      const started = await this.retrying('start the connector', async () => {
        await this.deps.connector.start?.();
      });
      if (started.status === 'abandoned') return 'stopped';
    } catch (error) {
      this.fail(error);
      return 'stopped';
    }
    this.connectorStarted = true;
    this.startDelivering(prepared.value);
    this.started = true;
    this.logger.log({
      msg: 'delivering',
      group: this.options.groupId,
      partitions: prepared.value.length,
    });
    return 'started';
  }

  private retrying<T>(what: string, operation: () => Promise<T>) {
    return retryWhileRetriable(operation, {
      backoff: this.options.backoff,
      isRetriable: retriableFlag,
      wait: (delayMs) => sleep(delayMs, true, { signal: this.stopping.signal }).catch(() => false),
      onRetry: (error, attempt, delayMs) =>
        this.logger.warn({
          msg: `cannot ${what} yet; retrying`,
          attempt: attempt + 1,
          delayMs,
          err: describeError(error),
        }),
    });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop?.stop();
    await this.watcher?.stop();
    await this.reader?.stop();
    await this.consumer?.stop();
    await this.deadLetters.close();
    await this.admin?.disconnect().catch(() => undefined);
    if (this.connectorStarted) await this.deps.connector.stop?.();
  }

  /** Migrations, registration, first load; resolves to the responses topic's partitions. */
  private async prepare(): Promise<number[]> {
    const { pool, kafka, connector } = this.deps;
    try {
      await runMigrations(pool, this.options.migrations, this.logger);
    } catch (error) {
      throw fromDatabaseError(error, 'applying the integrations migrations');
    }
    await registerConnectorType(pool, connector);
    await this.integrations.refresh();
    try {
      this.admin ??= kafka.admin();
      await this.admin.connect();
      return await topicPartitions(this.admin, this.options.responsesTopic);
    } catch (error) {
      throw new ConnectorRuntimeError(
        'kafka_unavailable',
        true,
        `reading the partitions of ${this.options.responsesTopic}: ${describeError(error)}`,
        { cause: error },
      );
    }
  }

  private startDelivering(partitions: readonly number[]): void {
    const { kafka, pool } = this.deps;
    const { options } = this;
    const progress = new BackfillProgress();
    const wake = () => this.loop?.wake();
    this.reader = new CatchUpReader({
      kafka,
      topic: options.responsesTopic,
      groupId: options.groupId,
      round: this.round,
      backoff: this.backoff,
      tracker: this.tracker,
      maxBytesPerPartition: options.maxBatchBytes,
      maxWaitTimeInMs: options.maxWaitMs,
      backoffPolicy: options.backoff,
      wake,
      fail: (error) => this.fail(error),
    });
    this.loop = new RefreshLoop({
      pool,
      admin: this.admin!,
      topic: options.responsesTopic,
      partitions,
      groupId: options.groupId,
      periodMs: options.refreshMs,
      integrations: this.integrations,
      backoff: this.backoff,
      progress,
      reader: this.reader,
      status: new StatusReporter(
        pool,
        this.metrics,
        this.tracker,
        this.backoff,
        progress,
        this.notes,
      ),
      owned: () => this.owned,
    });
    this.consumer = new PartitionBatchConsumer({
      kafka,
      groupId: options.groupId,
      topics: [options.responsesTopic],
      checkpoints: new GroupCheckpoints(pool, options.groupId),
      handle: new LiveBatchHandler(
        this.round,
        this.integrations,
        options.groupId,
        this.backoff,
        this.tracker,
      ).handle,
      backoff: options.backoff,
      maxBytesPerPartition: options.maxBatchBytes,
      maxWaitTimeInMs: options.maxWaitMs,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently,
      ...(options.sessionTimeoutMs !== undefined
        ? { sessionTimeoutMs: options.sessionTimeoutMs }
        : {}),
      ...(options.heartbeatIntervalMs !== undefined
        ? { heartbeatIntervalMs: options.heartbeatIntervalMs }
        : {}),
      onAssigned: (assignment) => {
        this.owned = new Set(assignment[options.responsesTopic] ?? []);
        wake();
      },
    });
    this.watcher = new IntegrationEventsWatcher({
      kafka,
      topic: options.integrationsTopic,
      type: this.deps.connector.type,
      groupId: options.groupId,
      replicationFactor: options.deadLetterReplicationFactor,
      onEvent: wake,
    });
    this.consumer.start();
    this.loop.start();
    void this.reader.run(this.stopping.signal);
    void this.watcher.start();
  }

  private fail(error: unknown): void {
    if (this.failure) return;
    this.failure = describeError(error);
    this.logger.error({
      msg: 'a non-retriable error (a bug, not an outage): the connector stops delivering; nothing was skipped',
      err: error,
    });
    void this.reader?.stop();
    void this.consumer?.stop();
  }
}
