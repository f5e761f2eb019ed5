import { ReadinessService, type ReadinessProbe } from '@collect/platform';
import {
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { Projector } from './projector';

/**
 * Starts the projector once the app is up, stops it (in-flight batches finish or roll back, the
 * member leaves the group) before the pool closes, and is the `projector` readiness probe: ready
 * while the consumer is a running group member; not while it reconnects or after a bug stopped it.
 */
@Injectable()
export class ProjectorLifecycle
  implements ReadinessProbe, OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  readonly name = 'projector';

  constructor(
    private readonly projector: Projector,
    private readonly readiness: ReadinessService,
  ) {}

  onModuleInit(): void {
    this.readiness.register(this);
  }

  onApplicationBootstrap(): void {
    this.projector.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }

  check(): Promise<void> {
    const { ready, reason } = this.projector.health;
    return ready ? Promise.resolve() : Promise.reject(new Error(reason));
  }
}
