/** One partition's next offset, as kafkajs' commitOffsets takes it. */
export interface OffsetToCommit {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface KafkaOffsetsCopyOptions {
  /** Commits offsets to the group (kafkajs `consumer.commitOffsets`). */
  readonly commit: (offsets: OffsetToCommit[]) => Promise<void>;
  /** Longest time an applied batch's offset waits before it is committed to Kafka. */
  readonly intervalMs: number;
  /** A failed commit is only reported: the next one carries newer offsets anyway. */
  readonly onError: (error: unknown) => void;
}

/**
 * Kafka's committed offsets of a group whose checkpoints are data: only a copy for lag tooling,
 * so they are written in the background, the newest offset of each partition at most once per
 * interval, never in a batch's path. Awaited per batch, the commit was one more broker round trip
 * before kafkajs could fetch again, for every partition batch.
 */
export class KafkaOffsetsCopy {
  private readonly pending = new Map<string, OffsetToCommit>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(private readonly options: KafkaOffsetsCopyOptions) {}

  /** The checkpoint of `topic`/`partition` is durable at `nextOffset`. */
  applied(topic: string, partition: number, nextOffset: bigint): void {
    this.pending.set(`${topic}\u0000${partition}`, {
      topic,
      partition,
      offset: String(nextOffset),
    });
    this.timer ??= setTimeout(() => void this.flush(), this.options.intervalMs).unref();
  }

  /** Commits what is pending now (before leaving the group, so lag reads right at once). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing;
    if (this.pending.size === 0) return;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    this.flushing = this.options.commit(offsets).catch(this.options.onError);
    await this.flushing;
    this.flushing = undefined;
  }

  /** Drops what is pending (the member lost its partitions; their new owner commits). */
  discard(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
