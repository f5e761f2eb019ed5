import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { RESPONSES_OPTIONS, type ResponsesModuleOptions } from '../responses-options';
import { IdempotencyStore } from './idempotency-store';

/**
 * Deletes expired Idempotency-Keys now and then (every replica; the deletes are bounded and
 * harmless to repeat). Expired keys are already ignored by claims; this only frees the space.
 */
@Injectable()
export class IdempotencyCleanup implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('IdempotencyCleanup');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: IdempotencyStore,
    @Inject(RESPONSES_OPTIONS) private readonly options: ResponsesModuleOptions,
  ) {}

  onModuleInit(): void {
    const everyMs = this.options.idempotencyCleanupEveryMs ?? 10 * 60 * 1000;
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = undefined));
    }, everyMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async sweep(): Promise<void> {
    try {
      let deleted = 0;
      for (
        let batch = await this.store.deleteExpired();
        batch > 0;
        batch = await this.store.deleteExpired()
      ) {
        deleted += batch;
      }
      if (deleted > 0) this.logger.log({ msg: 'deleted expired Idempotency-Keys', deleted });
    } catch (error) {
      this.logger.warn({
        msg: 'deleting expired Idempotency-Keys failed; retrying later',
        err: error,
      });
    }
  }
}
