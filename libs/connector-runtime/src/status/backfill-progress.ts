import type { LaggingCursor } from '../catch-up/catch-up-plan';

interface PartitionProgress {
  start: bigint;
  target: bigint;
  current: bigint;
}

export interface Progress {
  readonly done: bigint;
  readonly total: bigint;
}

/**
 * Backfill progress per integration, in messages of the responses topic: from where its cursor
 * was when it was first seen behind the live group, to where the group was then. A cursor moved
 * back (a replay) starts a new count.
 */
export class BackfillProgress {
  private readonly byIntegration = new Map<string, Map<number, PartitionProgress>>();

  /** `lagging`: every integration cursor below the group's position, on every partition. */
  observe(lagging: readonly LaggingCursor[]): void {
    const seen = new Set<string>();
    for (const { integration, partition, cursor, groupOffset } of lagging) {
      const id = integration.integrationId;
      seen.add(`${id}/${partition}`);
      const partitions = this.byIntegration.get(id) ?? new Map<number, PartitionProgress>();
      this.byIntegration.set(id, partitions);
      const known = partitions.get(partition);
      if (!known || cursor < known.start || known.current >= known.target) {
        partitions.set(partition, { start: cursor, target: groupOffset, current: cursor });
      } else {
        known.current = cursor;
      }
    }
    for (const [id, partitions] of this.byIntegration) {
      for (const [partition, progress] of partitions) {
        if (!seen.has(`${id}/${partition}`)) progress.current = progress.target;
      }
    }
  }

  progress(integrationId: string): Progress | undefined {
    const partitions = this.byIntegration.get(integrationId);
    if (!partitions || partitions.size === 0) return undefined;
    let done = 0n;
    let total = 0n;
    for (const { start, target, current } of partitions.values()) {
      total += target - start;
      done += (current < target ? current : target) - start;
    }
    return { done, total };
  }

  retain(integrationIds: ReadonlySet<string>): void {
    for (const id of this.byIntegration.keys()) {
      if (!integrationIds.has(id)) this.byIntegration.delete(id);
    }
  }
}
