import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { EventPosition } from '../../events';
import { ReadModelDb } from '../read-model-db';
import { READ_MODEL_OPTIONS, type ResolvedReadModelOptions } from '../read-model-options';
import { isProjected, positionKey } from './min-positions';
import { projectedOffsets, type ProjectedOffsets } from './projected-offsets';
import { projectionLagging } from './projection-lagging';

interface Waiter {
  readonly positions: readonly EventPosition[];
  readonly waitMs: number;
  offsets: ProjectedOffsets;
  deadline: NodeJS.Timeout | undefined;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Read-your-writes: `reach(positions, waitMs)` resolves once the projector's checkpoint
 * (`read_model.offsets`) has passed every position, so a read issued afterwards sees those events
 * (the projector commits rows and offsets in one transaction). One poller per replica serves all
 * waiting reads with one query per look, backing off from minPollMs to maxPollMs while they wait;
 * no connection is held in between. Past waitMs: 503 projection-lagging with Retry-After.
 */
@Injectable()
export class ProjectionProgress implements OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('ProjectionProgress');
  private readonly waiters = new Set<Waiter>();
  private pollTimer: NodeJS.Timeout | undefined;
  private polling = false;
  private pollDelayMs: number;
  private pollFailing = false;

  constructor(
    private readonly db: ReadModelDb,
    @Inject(READ_MODEL_OPTIONS) private readonly options: ResolvedReadModelOptions,
  ) {
    this.pollDelayMs = options.minPollMs;
  }

  /** Reads currently waiting (for tests and metrics). */
  get waiting(): number {
    return this.waiters.size;
  }

  async reach(positions: readonly EventPosition[], waitMs: number): Promise<void> {
    if (positions.length === 0) return;
    const offsets = await projectedOffsets(this.db, positions);
    if (allProjected(positions, offsets)) return;
    if (waitMs <= 0) throw this.lagging(positions, offsets, 0);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { positions, waitMs, offsets, deadline: undefined, resolve, reject };
      waiter.deadline = setTimeout(() => this.expire(waiter), waitMs);
      this.waiters.add(waiter);
      this.wake();
    });
  }

  onModuleDestroy(): void {
    clearTimeout(this.pollTimer);
    for (const waiter of [...this.waiters]) this.expire(waiter);
  }

  onApplicationShutdown(): void {
    this.onModuleDestroy();
  }

  private expire(waiter: Waiter): void {
    if (!this.waiters.delete(waiter)) return;
    clearTimeout(waiter.deadline);
    waiter.reject(this.lagging(waiter.positions, waiter.offsets, waiter.waitMs));
  }

  /** A new waiter: look again soon, whatever the backoff had reached. */
  private wake(): void {
    this.pollDelayMs = this.options.minPollMs;
    if (this.polling) return;
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => void this.poll(), this.pollDelayMs);
  }

  private async poll(): Promise<void> {
    this.pollTimer = undefined;
    this.polling = true;
    try {
      const waiting = [...this.waiters];
      if (waiting.length === 0) return;
      const offsets = await projectedOffsets(
        this.db,
        waiting.flatMap((waiter) => waiter.positions),
      );
      for (const waiter of waiting) this.settle(waiter, offsets);
      this.pollFailing = false;
    } catch (error) {
      // Waiters keep waiting: Postgres may come back before their deadline. Logged once a streak.
      if (!this.pollFailing) {
        this.pollFailing = true;
        this.logger.warn({ msg: 'reading the projection offsets failed', err: error });
      }
    } finally {
      this.polling = false;
      if (this.waiters.size > 0) {
        this.pollTimer = setTimeout(() => void this.poll(), this.pollDelayMs);
        this.pollDelayMs = Math.min(this.pollDelayMs * 2, this.options.maxPollMs);
      }
    }
  }

  private settle(waiter: Waiter, offsets: ProjectedOffsets): void {
    waiter.offsets = offsets;
    if (!allProjected(waiter.positions, offsets) || !this.waiters.delete(waiter)) return;
    clearTimeout(waiter.deadline);
    waiter.resolve();
  }

  private lagging(
    positions: readonly EventPosition[],
    offsets: ProjectedOffsets,
    waitedMs: number,
  ) {
    return projectionLagging(positions, offsets, waitedMs, this.options.retryAfterSeconds);
  }
}

function allProjected(positions: readonly EventPosition[], offsets: ProjectedOffsets): boolean {
  return positions.every((p) => isProjected(p, offsets.get(positionKey(p.topic, p.partition))));
}
