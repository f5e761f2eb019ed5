import type { ReadinessProbe, ReadinessService } from '@collect/platform';
import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import type { ConnectorRuntime } from './connector-runtime';

/**
 * Starts the runtime once the app is up (waiting for Postgres and Kafka meanwhile) and stops it
 * on shutdown, before the pool closes: in-flight rounds finish or roll back, the member leaves
 * the group. Also the `connector` readiness probe: ready while the live consumer is a running
 * group member and no bug stopped delivery.
 */
export class ConnectorLifecycle
  implements ReadinessProbe, OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  readonly name = 'connector';
  private readonly logger = new Logger('ConnectorLifecycle');
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly runtime: ConnectorRuntime,
    private readonly readiness: ReadinessService,
  ) {}

  onModuleInit(): void {
    this.readiness.register(this);
  }

  onApplicationBootstrap(): void {
    this.running = this.runtime.start().catch((error: unknown) => {
      this.logger.error({ msg: 'the connector could not start', err: error });
      throw error;
    });
    // Surfaces through readiness; an unhandled rejection would stop the process at once.
    this.running.catch(() => undefined);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
    await this.running?.catch(() => undefined);
  }

  check(): Promise<void> {
    const { ready, reason } = this.runtime.health;
    return ready ? Promise.resolve() : Promise.reject(new Error(reason));
  }
}
