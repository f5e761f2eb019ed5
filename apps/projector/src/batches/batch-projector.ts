import type { CollectEvent, EventSerde, FormEvent, ResponseSubmitted } from '@collect/events';
import type { BatchResult, PartitionBatch } from '@collect/kafka';
import type { Pool, PoolClient } from 'pg';
import { advanceCheckpoint } from '../checkpoints/offsets-store';
import type { DeadLetter } from '../dead-letters/dead-letter';
import type { DeadLetterPublisher } from '../dead-letters/dead-letter-publisher';
import { ProjectorError } from '../errors/projector-error';
import { loadForms, writeForms } from '../forms/form-store';
import { formIdsOf, planForms } from '../forms/plan-forms';
import type { ProjectionTarget } from '../generations/projection-target';
import { checkResponses } from '../responses/checked-response';
import { planResponses } from '../responses/plan-responses';
import { loadKnownResponses, writeResponses } from '../responses/response-store';
import { decodeBatch, type DecodedBatch } from './decode-batch';
import { inTransaction } from './in-transaction';
import type { Rejection } from './positioned';

export interface ProjectedTopics {
  readonly forms: string;
  readonly responses: string;
}

const isResponse = (event: CollectEvent): event is ResponseSubmitted =>
  event.type === 'ResponseSubmitted';
const isFormEvent = (event: CollectEvent): event is FormEvent => event.type !== 'ResponseSubmitted';

/**
 * The projector's batch handler: one Postgres transaction per partition batch that first moves
 * the checkpoint (compare-and-set; a stale batch stops there), then applies the batch's events
 * set-based. Poison events go to the dead-letter topic inside that transaction, before it
 * commits, so a crash in between re-applies the batch (and may dead-letter twice) but never
 * loses one.
 */
export class BatchProjector {
  constructor(
    private readonly pool: Pool,
    private readonly serde: EventSerde,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly target: ProjectionTarget,
    private readonly topics: ProjectedTopics,
  ) {}

  readonly handle = async (batch: PartitionBatch): Promise<BatchResult> => {
    if (batch.topic === this.topics.responses)
      return this.project(batch, isResponse, this.applyResponses);
    if (batch.topic === this.topics.forms) return this.project(batch, isFormEvent, this.applyForms);
    throw new ProjectorError(
      'read_model_inconsistent',
      false,
      `no projection reads ${batch.topic}`,
    );
  };

  private async project<E extends CollectEvent>(
    batch: PartitionBatch,
    handles: (event: CollectEvent) => event is E,
    apply: (
      client: PoolClient,
      schema: string,
      batch: PartitionBatch,
      events: DecodedBatch<E>,
    ) => Promise<void>,
  ): Promise<BatchResult> {
    const decoded = await decodeBatch(this.serde, batch, handles);
    return inTransaction(
      this.pool,
      async (client): Promise<BatchResult> => {
        const schema = await this.target.resolve(client);
        if (!(await advanceCheckpoint(client, schema, batch))) return 'stale';
        await apply(client, schema, batch, decoded);
        return 'applied';
      },
      (result) => result === 'applied',
    );
  }

  private readonly applyResponses = async (
    client: PoolClient,
    schema: string,
    batch: PartitionBatch,
    decoded: DecodedBatch<ResponseSubmitted>,
  ): Promise<void> => {
    const checked = checkResponses(decoded.events);
    const plan = planResponses(
      checked.valid,
      await loadKnownResponses(client, schema, checked.valid),
    );
    await this.deadLetters.publish([...decoded.letters, ...lettersFor(batch, checked.rejected)]);
    await writeResponses(client, schema, batch.partition, plan);
  };

  private readonly applyForms = async (
    client: PoolClient,
    schema: string,
    batch: PartitionBatch,
    decoded: DecodedBatch<FormEvent>,
  ): Promise<void> => {
    const known = await loadForms(client, schema, formIdsOf(decoded.events));
    const plan = planForms(decoded.events, known);
    await this.deadLetters.publish([...decoded.letters, ...lettersFor(batch, plan.rejected)]);
    await writeForms(client, schema, plan);
  };
}

function lettersFor(batch: PartitionBatch, rejected: readonly Rejection[]): DeadLetter[] {
  if (rejected.length === 0) return [];
  const byOffset = new Map(batch.messages.map((message) => [BigInt(message.offset), message]));
  return rejected.map(({ offset, reason }) => ({
    topic: batch.topic,
    partition: batch.partition,
    message: byOffset.get(offset)!,
    reason: 'invariant_violation',
    detail: reason,
  }));
}
