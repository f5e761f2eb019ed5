import type { Integration } from '@collect/integrations';

/** One partition the catch-up reader should read: from where, for whom. */
export interface PartitionPlan {
  readonly partition: number;
  /** The smallest cursor among the integrations to serve. */
  readonly from: bigint;
  readonly integrations: readonly Integration[];
}

export interface LaggingCursor {
  readonly integration: Integration;
  readonly partition: number;
  readonly cursor: bigint;
  /** The live group's position on the partition. */
  readonly groupOffset: bigint;
}

/**
 * Pure: which partitions to read and from where. An integration is lagging on a partition when
 * its cursor is below the live group's position there; resting ones (backing off after a
 * failure) are left out until their time comes.
 */
export function planCatchUp(
  lagging: readonly LaggingCursor[],
  isResting: (integrationId: string) => boolean,
): Map<number, PartitionPlan> {
  const plans = new Map<number, { from: bigint; integrations: Integration[] }>();
  for (const entry of lagging) {
    if (entry.cursor >= entry.groupOffset || isResting(entry.integration.integrationId)) continue;
    const plan = plans.get(entry.partition);
    if (!plan) {
      plans.set(entry.partition, { from: entry.cursor, integrations: [entry.integration] });
    } else {
      plan.integrations.push(entry.integration);
      if (entry.cursor < plan.from) plan.from = entry.cursor;
    }
  }
  return new Map(
    [...plans].map(([partition, plan]) => [partition, { partition, ...plan }] as const),
  );
}

/** Whether a reader at `position` (or paused) must seek to serve `plan`. */
export function needsSeek(
  position: bigint | undefined,
  plan: PartitionPlan,
  skipAheadBeyond: bigint,
): boolean {
  if (position === undefined) return true;
  return plan.from < position || plan.from - position > skipAheadBeyond;
}
