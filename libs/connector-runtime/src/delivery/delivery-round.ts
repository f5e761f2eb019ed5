import type { EventSerde } from '@collect/events';
import { Logger } from '@nestjs/common';
import type { Integration } from '@collect/integrations';
import type { Pool, PoolClient } from 'pg';
import type { RuntimeConnector } from '../contract/runtime-connector';
import type { DeadLetterPublisher } from '../dead-letters/dead-letter-publisher';
import { claim } from '../ledger/claims';
import { lockCursors } from '../ledger/cursor-locks';
import { recordOutcomes, type SettledIntegration } from '../ledger/record-outcomes';
import type { TokenBuckets } from '../rate-limit/token-buckets';
import type { StatusNotes } from '../status/status-notes';
import type { RuntimeMetrics } from '../telemetry/runtime-metrics';
import { decodeMessages } from './decode-messages';
import type { PositionedMessage } from './positioned-message';
import type { Resolution } from './resolution';
import { resolveClaims } from './resolve-claims';
import { deadLetterAndReport } from './round-outcomes';
import { settle } from './settle';
import { mapWithConcurrency, withTransaction } from './with-transaction';

export interface RoundDependencies {
  readonly pool: Pool;
  readonly serde: EventSerde;
  readonly connector: RuntimeConnector;
  readonly buckets: TokenBuckets;
  readonly deadLetters: DeadLetterPublisher;
  readonly metrics: RuntimeMetrics;
  readonly targetConcurrency: number;
  readonly stopping: AbortSignal;
  readonly notes: StatusNotes;
}

/** One partition's fetched messages and the integrations that may want them. */
export interface RoundInput {
  readonly topic: string;
  readonly partition: number;
  /** In offset order. */
  readonly messages: readonly PositionedMessage[];
  /** Serve integrations whose cursor is at least this (the batch's first offset). */
  readonly from: bigint;
  /** The batch's last offset; a served integration's cursor ends at last + 1. */
  readonly last: bigint;
  readonly candidates: readonly Integration[];
  /**
   * First in the transaction: the live consumer moves its group checkpoint (false: stale, do
   * nothing); the catch-up reader reads it, to serve only integrations below it.
   */
  readonly prepare: (client: PoolClient) => Promise<{ proceed: boolean; below?: bigint }>;
}

export type RoundResult =
  | { readonly kind: 'stale' }
  | { readonly kind: 'settled'; readonly settled: readonly ServedIntegration[] };

export interface ServedIntegration extends SettledIntegration {
  readonly integration: Integration;
}

/**
 * One delivery round, the same for the live consumer and the catch-up reader: in one
 * transaction that holds the served integrations' cursor rows, claim their responses (committed
 * at once), send them, write dead letters to Kafka, then record outcomes and move the cursors.
 */
export class DeliveryRound {
  private readonly logger = new Logger('Delivery');

  constructor(private readonly deps: RoundDependencies) {}

  run(input: RoundInput): Promise<RoundResult> {
    return withTransaction(
      this.deps.pool,
      `delivering ${input.topic}/${input.partition}`,
      async (client): Promise<RoundResult> => {
        const prepared = await input.prepare(client);
        if (!prepared.proceed) return { kind: 'stale' };
        const candidates = [...input.candidates].sort((a, b) =>
          a.integrationId.localeCompare(b.integrationId),
        );
        const cursors = await lockCursors(
          client,
          candidates.map((integration) => integration.integrationId),
          {
            topic: input.topic,
            partition: input.partition,
            from: input.from,
            to: input.last,
            ...(prepared.below !== undefined ? { below: prepared.below } : {}),
          },
        );
        const served = candidates.filter((integration) => cursors.has(integration.integrationId));
        const settled = await this.serve(input, served, cursors);
        await recordOutcomes(client, settled);
        return { kind: 'settled', settled };
      },
      (result) => result.kind === 'settled',
    );
  }

  private async serve(
    input: RoundInput,
    served: readonly Integration[],
    cursors: ReadonlyMap<string, bigint>,
  ): Promise<ServedIntegration[]> {
    const byForm = groupByForm(input.messages);
    const work = served.map((integration) => {
      const cursor = cursors.get(integration.integrationId)!;
      const messages = (byForm.get(integration.formId) ?? []).filter((m) => m.offset >= cursor);
      return { integration, cursor, messages };
    });
    const wanted = uniqueByOffset(work.flatMap((w) => w.messages));
    const decoded = new Map(
      (await decodeMessages(this.deps.serde, wanted)).map((m) => [m.position.offset, m]),
    );
    const claims = await claim(
      this.deps.pool,
      work
        .filter((w) => w.messages.length > 0)
        .map((w) => ({
          integrationId: w.integration.integrationId,
          messages: w.messages.map((m) => decoded.get(m.offset)!),
        })),
    );
    const rangeEnd = input.last + 1n;
    const settled = await mapWithConcurrency(work, this.deps.targetConcurrency, async (w) => {
      const messages = w.messages.map((m) => decoded.get(m.offset)!);
      const claimed = claims.get(w.integration.integrationId);
      const resolutions = claimed
        ? await resolveClaims(
            { ...this.deps, logger: this.logger },
            input.partition,
            w.integration,
            claimed,
            { truncated: w.cursor > input.from },
          )
        : new Map<bigint, Resolution>();
      return {
        integration: w.integration,
        integrationId: w.integration.integrationId,
        topic: input.topic,
        partition: input.partition,
        lockedCursor: w.cursor,
        settlement: settle(w.cursor, rangeEnd, messages, resolutions),
        deadLetters: [],
      };
    });
    return deadLetterAndReport(settled, this.deps.deadLetters, this.deps.metrics, this.logger);
  }
}

function groupByForm(messages: readonly PositionedMessage[]): Map<string, PositionedMessage[]> {
  const byForm = new Map<string, PositionedMessage[]>();
  for (const message of messages) {
    if (message.formId === undefined) continue;
    const list = byForm.get(message.formId);
    if (list) list.push(message);
    else byForm.set(message.formId, [message]);
  }
  return byForm;
}

function uniqueByOffset(messages: readonly PositionedMessage[]): PositionedMessage[] {
  const seen = new Map<bigint, PositionedMessage>();
  for (const message of messages) seen.set(message.offset, message);
  return [...seen.values()].sort((a, b) =>
    a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0,
  );
}
