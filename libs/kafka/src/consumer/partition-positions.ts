import type { CheckpointStore } from './checkpoint-store';

export interface Position {
  /** The next offset to apply. */
  readonly offset: bigint;
  /** Whether it was stored (false: nothing applied yet, starting at 0). */
  readonly checkpointed: boolean;
}

/**
 * This member's view of where each assigned partition stands: loaded from the checkpoint store,
 * advanced after each applied batch, forgotten on every rebalance (another member may have moved
 * a partition meanwhile) and on a stale compare-and-set. Only a cache: the store's
 * compare-and-set stays the guard.
 */
export class PartitionPositions {
  private readonly positions = new Map<string, Position>();
  /** Where the consumer last sought each partition to, until a batch there is applied. */
  private readonly sought = new Map<string, bigint>();
  private epoch = 0;

  constructor(private readonly store: CheckpointStore) {}

  /** The partition's position, loaded from the store when not known. */
  async get(topic: string, partition: number): Promise<Position> {
    const key = keyOf(topic, partition);
    const known = this.positions.get(key);
    if (known) return known;
    const epoch = this.epoch;
    const stored = (await this.store.load(topic, [partition])).get(partition);
    const position = toPosition(stored);
    if (epoch === this.epoch && !this.positions.has(key)) this.positions.set(key, position);
    return this.positions.get(key) ?? position;
  }

  /**
   * After a rebalance: forgets everything, then loads the assigned partitions' checkpoints and
   * returns the ones nobody loaded meanwhile (to seek to), or undefined when another rebalance
   * overtook this one.
   */
  async reassigned(
    assignment: Readonly<Record<string, readonly number[]>>,
  ): Promise<Array<{ topic: string; partition: number; offset: bigint }> | undefined> {
    const epoch = ++this.epoch;
    this.positions.clear();
    this.sought.clear();
    const loaded = await Promise.all(
      Object.entries(assignment).map(
        async ([topic, partitions]) =>
          [topic, partitions, await this.store.load(topic, partitions)] as const,
      ),
    );
    if (epoch !== this.epoch) return undefined;
    return loaded.flatMap(([topic, partitions, stored]) =>
      partitions.flatMap((partition) => {
        const key = keyOf(topic, partition);
        if (this.positions.has(key)) return [];
        const position = toPosition(stored.get(partition));
        this.positions.set(key, position);
        return [{ topic, partition, offset: position.offset }];
      }),
    );
  }

  applied(topic: string, partition: number, nextOffset: bigint): void {
    const key = keyOf(topic, partition);
    this.positions.set(key, { offset: nextOffset, checkpointed: true });
    this.sought.delete(key);
  }

  /** The compare-and-set failed: the stored checkpoint is not what this member thought. */
  forget(topic: string, partition: number): void {
    this.positions.delete(keyOf(topic, partition));
  }

  soughtTo(topic: string, partition: number): bigint | undefined {
    return this.sought.get(keyOf(topic, partition));
  }

  recordSeek(topic: string, partition: number, offset: bigint): void {
    this.sought.set(keyOf(topic, partition), offset);
  }
}

function toPosition(stored: bigint | undefined): Position {
  return stored === undefined
    ? { offset: 0n, checkpointed: false }
    : { offset: stored, checkpointed: true };
}

function keyOf(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
