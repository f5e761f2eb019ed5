/** Next offset to apply per partition, as Kafka's high watermarks count them. */
export type OffsetTargets = ReadonlyMap<number, bigint>;

interface Waiter {
  readonly targets: OffsetTargets;
  readonly done: (reached: boolean) => void;
}

/**
 * How far a consumer has applied each partition (the offset after the last applied message), and
 * the callers waiting for it to reach given offsets. Offsets only move forwards: a replay after a
 * rebalance (no commits) re-applies older messages without moving them back.
 */
export class AppliedOffsets {
  private readonly next = new Map<number, bigint>();
  private waiters: Waiter[] = [];

  /** Records that the message at `offset` on `partition` has been applied (or skipped). */
  applied(partition: number, offset: bigint): void {
    const after = offset + 1n;
    if ((this.next.get(partition) ?? 0n) >= after) return;
    this.next.set(partition, after);
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (this.reached(waiter.targets)) waiter.done(true);
      else still.push(waiter);
    }
    this.waiters = still;
  }

  nextOf(partition: number): bigint {
    return this.next.get(partition) ?? 0n;
  }

  reached(targets: OffsetTargets): boolean {
    for (const [partition, target] of targets) {
      if (this.nextOf(partition) < target) return false;
    }
    return true;
  }

  /** Resolves true once every target is reached, false when `timeoutMs` passes first. */
  waitUntil(targets: OffsetTargets, timeoutMs: number): Promise<boolean> {
    if (this.reached(targets)) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== entry);
        resolve(false);
      }, timeoutMs);
      const entry: Waiter = {
        targets,
        done: (reached) => {
          clearTimeout(timer);
          resolve(reached);
        },
      };
      this.waiters.push(entry);
    });
  }

  /** Wakes every waiter with "not reached" (shutdown). */
  abandonAll(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.done(false);
  }
}
