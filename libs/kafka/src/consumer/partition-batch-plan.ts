/** Where a fetched batch stands against the checkpoint, and what to do with it. */
export type PartitionBatchPlan<Message> =
  | {
      readonly action: 'apply';
      /** The messages at or after the checkpoint, in offset order. */
      readonly messages: readonly Message[];
      /** The checkpoint after applying them: the batch's last offset + 1. */
      readonly nextOffset: bigint;
    }
  | {
      readonly action: 'seek';
      readonly offset: bigint;
      /** gap: Kafka fetched past the checkpoint; behind: everything fetched is already applied. */
      readonly reason: 'gap' | 'behind';
    };

export interface FetchedBatch<Message> {
  /** The offset kafkajs asked for. */
  readonly fetchedOffset: bigint;
  /** The batch's last offset, counting records kafkajs filtered out (control records). */
  readonly lastOffset: bigint;
  readonly messages: readonly Message[];
}

/**
 * Pure: decides what to do with a batch given the next offset the checkpoint expects.
 * Messages below the checkpoint are dropped (already applied). A fetch that started past the
 * checkpoint would skip events, so it seeks back, unless the consumer already sought to exactly
 * this checkpoint (`soughtTo`) and Kafka still answered from further on: then the offsets in
 * between hold nothing to apply (transaction markers), and the batch is applied.
 */
export function planPartitionBatch<Message extends { readonly offset: string }>(
  batch: FetchedBatch<Message>,
  checkpoint: bigint,
  soughtTo: bigint | undefined,
): PartitionBatchPlan<Message> {
  if (batch.fetchedOffset > checkpoint && soughtTo !== checkpoint) {
    return { action: 'seek', offset: checkpoint, reason: 'gap' };
  }
  const messages = batch.messages.filter((message) => BigInt(message.offset) >= checkpoint);
  if (messages.length === 0) return { action: 'seek', offset: checkpoint, reason: 'behind' };
  return { action: 'apply', messages, nextOffset: batch.lastOffset + 1n };
}
