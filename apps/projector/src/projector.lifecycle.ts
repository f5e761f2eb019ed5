import { ReadinessService, type ReadinessProbe } from '@collect/platform';
import type { BackoffPolicy } from '@collect/kafka';
import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import type { Pool } from 'pg';
import { prepareReadModelSchema } from './generations/read-model-schema';
import type { Projector } from './projector';

export interface ProjectorLifecycleOptions {
  readonly migrationsDir: string;
  /** Between attempts to migrate while Postgres is unreachable. */
  readonly backoff: BackoffPolicy;
}

/**
 * Once the app is up: migrates the read model (waiting for Postgres if need be), then starts the
 * projector; on shutdown stops it (in-flight batches finish or roll back, the member leaves the
 * group) before the pool closes. Also the `projector` readiness probe: ready while the consumer
 * is a running group member; not while migrating, reconnecting, or after a bug stopped it.
 */
export class ProjectorLifecycle
  implements ReadinessProbe, OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  readonly name = 'projector';
  private readonly logger = new Logger('Projector');
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;
  private started = false;

  constructor(
    private readonly projector: Projector,
    private readonly pool: Pool,
    private readonly options: ProjectorLifecycleOptions,
    private readonly readiness: ReadinessService,
  ) {}

  onModuleInit(): void {
    this.readiness.register(this);
  }

  onApplicationBootstrap(): void {
    this.running = this.prepareAndStart();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.running?.catch(() => undefined);
    if (this.started) await this.projector.stop();
  }

  check(): Promise<void> {
    if (!this.started) return Promise.reject(new Error('migrating the read model'));
    const { ready, reason } = this.projector.health;
    return ready ? Promise.resolve() : Promise.reject(new Error(reason));
  }

  private async prepareAndStart(): Promise<void> {
    const prepared = await prepareReadModelSchema(
      this.pool,
      this.options.migrationsDir,
      this.options.backoff,
      this.stopping.signal,
    );
    if (prepared === 'stopped') return;
    this.projector.start();
    this.started = true;
    this.logger.log({ msg: 'read model migrated; projecting' });
  }
}
