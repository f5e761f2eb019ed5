import type { BatchHandler, BatchResult, PartitionBatch } from '@collect/kafka';
import { advanceGroupCheckpoint } from '../checkpoints/group-checkpoints';
import type { DeliveryRound, ServedIntegration } from '../delivery/delivery-round';
import type { IntegrationBackoff } from '../delivery/integration-backoff';
import { positioned } from '../delivery/positioned-message';
import type { IntegrationCache } from '../integrations/integration-cache';
import type { DeliveryTracker } from '../status/delivery-tracker';

/**
 * The live consumer's batch handler: serves the integrations that are caught up on the
 * partition (cursor at or after the batch's first offset) and moves the group checkpoint in the
 * same transaction. An integration behind it (new with history, resumed, or whose target failed)
 * is left to the catch-up reader; one whose target fails now stays behind and is retried there,
 * so the live stream never waits for a target.
 */
export class LiveBatchHandler {
  constructor(
    private readonly round: DeliveryRound,
    private readonly integrations: IntegrationCache,
    private readonly groupId: string,
    private readonly backoff: IntegrationBackoff,
    private readonly tracker: DeliveryTracker,
  ) {}

  readonly handle: BatchHandler = async (batch: PartitionBatch): Promise<BatchResult> => {
    const result = await this.round.run({
      topic: batch.topic,
      partition: batch.partition,
      messages: positioned(batch.topic, batch.partition, batch.messages),
      from: batch.expectedOffset,
      last: batch.nextOffset - 1n,
      candidates: this.integrations.current.active,
      prepare: async (client) => ({
        proceed: await advanceGroupCheckpoint(client, this.groupId, batch),
      }),
    });
    if (result.kind === 'stale') return 'stale';
    noteOutcomes(result.settled, this.backoff, this.tracker);
    return 'applied';
  };
}

/** Feeds a settled round into the retry engine and the status tracker. */
export function noteOutcomes(
  settled: readonly ServedIntegration[],
  backoff: IntegrationBackoff,
  tracker: DeliveryTracker,
): void {
  for (const served of settled) {
    backoff.settled(served.integrationId, served.settlement);
    tracker.note(served);
  }
}
