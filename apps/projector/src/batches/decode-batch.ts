import { EventDecodeError, type CollectEvent, type EventSerde } from '@collect/events';
import type { PartitionBatch } from '@collect/kafka';
import type { DeadLetter } from '../dead-letters/dead-letter';
import type { Positioned } from './positioned';

export interface DecodedBatch<E> {
  readonly events: readonly Positioned<E>[];
  readonly letters: readonly DeadLetter[];
}

/**
 * Decodes a batch's values. A value that can never decode, or an event this projection does not
 * handle, becomes a dead letter. A registry outage throws (retriable): the batch is retried.
 */
export async function decodeBatch<E extends CollectEvent>(
  serde: EventSerde,
  batch: PartitionBatch,
  handles: (event: CollectEvent) => event is E,
): Promise<DecodedBatch<E>> {
  const events: Positioned<E>[] = [];
  const letters: DeadLetter[] = [];
  const letter = (
    message: PartitionBatch['messages'][number],
    reason: DeadLetter['reason'],
    detail: string,
  ) => letters.push({ topic: batch.topic, partition: batch.partition, message, reason, detail });
  for (const message of batch.messages) {
    let event: CollectEvent;
    try {
      event = await serde.decode(message.value);
    } catch (error) {
      if (!(error instanceof EventDecodeError)) throw error;
      letter(message, 'undecodable', `${error.code}: ${error.message}`);
      continue;
    }
    if (handles(event)) events.push({ event, offset: BigInt(message.offset) });
    else letter(message, 'unknown_type', `${event.type} does not belong on ${batch.topic}`);
  }
  return { events, letters };
}
