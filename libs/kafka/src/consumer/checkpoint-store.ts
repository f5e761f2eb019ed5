/**
 * Where a consumer's checkpoints live (for the projector: the read model's offsets table). The
 * caller's batch handler writes them, in the same transaction as its effects; the consumer only
 * reads them to know where each partition starts.
 */
export interface CheckpointStore {
  /**
   * The next offset to apply for each of `partitions` of `topic`; a partition without a stored
   * checkpoint is absent from the map (it starts at the beginning of the log).
   */
  load(topic: string, partitions: readonly number[]): Promise<ReadonlyMap<number, bigint>>;
}
