import { randomUUID } from 'node:crypto';
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
import { inDeliverySpan } from '../telemetry/delivery-span';
import type { RuntimeMetrics } from '../telemetry/runtime-metrics';
import { decodeMessages } from './decode-messages';
import type { DecodedMessage, PositionedMessage } from './positioned-message';
import { done, type Resolution } from './resolution';
import { sendToTarget } from './send-to-target';
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
        ? await this.resolve(input.partition, w.integration, claimed)
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
    return this.deadLetter(settled);
  }

  private async resolve(
    partition: number,
    integration: Integration,
    claimed: {
      fresh: readonly DecodedMessage[];
      unconfirmed: readonly DecodedMessage[];
      done: readonly DecodedMessage[];
    },
  ): Promise<Map<bigint, Resolution>> {
    const resolutions = new Map<bigint, Resolution>();
    claimed.done.forEach((m) => resolutions.set(m.position.offset, done));
    for (const m of [...claimed.fresh, ...claimed.unconfirmed]) {
      if (m.kind === 'poison')
        resolutions.set(m.position.offset, { kind: 'failed', reason: m.reason });
    }
    const responses = (list: readonly DecodedMessage[]) =>
      list.filter((m): m is Extract<DecodedMessage, { kind: 'response' }> => m.kind === 'response');
    const fresh = responses(claimed.fresh);
    const unconfirmed = responses(claimed.unconfirmed);
    if (fresh.length + unconfirmed.length === 0) return resolutions;
    if (unconfirmed.length > 0) {
      const { connector } = this.deps;
      this.logger.log({
        msg: 'found claims nobody confirmed (a crash or an unknown outcome); settling them before anything new',
        integrationId: integration.integrationId,
        claims: unconfirmed.length,
        settledBy: connector.reconcile
          ? 'reconcile'
          : connector.idempotent
            ? 'resend'
            : 'dead-letter',
      });
    }
    const all = [...unconfirmed, ...fresh];
    const sent = await inDeliverySpan(
      {
        type: this.deps.connector.type,
        integrationId: integration.integrationId,
        partition,
        firstOffset: all.reduce(
          (min, m) => (m.position.offset < min ? m.position.offset : min),
          all[0]!.position.offset,
        ),
        traceparents: all.map((m) => m.traceparent),
      },
      () =>
        sendToTarget(
          {
            connector: this.deps.connector,
            buckets: this.deps.buckets,
            stopping: this.deps.stopping,
          },
          {
            integrationId: integration.integrationId,
            orgId: integration.orgId,
            formId: integration.formId,
            name: integration.name,
            config: integration.config,
            version: integration.version,
          },
          fresh,
          unconfirmed,
        ),
    );
    for (const [offset, resolution] of sent) resolutions.set(offset, resolution);
    return resolutions;
  }

  /** Writes the round's dead letters to Kafka (before the transaction commits) and notes their offsets. */
  private async deadLetter(settled: ServedIntegration[]): Promise<ServedIntegration[]> {
    const letters = settled.flatMap((s) =>
      s.settlement.failed.map(({ message, reason }) => ({
        integrationId: s.integrationId,
        responseId: message.responseId,
        position: message.position,
        reason,
      })),
    );
    const dlqOffsets = await this.deps.deadLetters.publish(letters);
    let index = 0;
    return settled.map((s) => {
      const rows = s.settlement.failed.map(({ message, reason }) => ({
        deadLetterId: randomUUID(),
        responseId: message.responseId,
        reason,
        sourceOffset: message.position.offset,
        dlqOffset: dlqOffsets[index++] ?? null,
      }));
      const result = { ...s, deadLetters: rows };
      this.count(
        result,
        rows.map((row) => row.reason),
      );
      return result;
    });
  }

  private count(s: ServedIntegration, deadLetterReasons: readonly string[]): void {
    const { metrics } = this.deps;
    metrics.delivered(s.integrationId, s.settlement.delivered.length);
    metrics.retried(s.integrationId, s.settlement.waiting);
    deadLetterReasons.forEach((reason) => metrics.deadLettered(s.integrationId, reason));
    for (const row of s.deadLetters) {
      this.logger.warn({
        msg: 'dead-lettered a response for an integration',
        integrationId: s.integrationId,
        responseId: row.responseId,
        reason: row.reason,
        topic: s.topic,
        partition: s.partition,
        offset: String(row.sourceOffset),
      });
    }
    if (!s.settlement.complete) {
      this.logger.warn({
        msg: 'an integration could not take every response now; it is retried with backoff',
        integrationId: s.integrationId,
        waiting: s.settlement.waiting,
        reason: s.settlement.lastError,
        topic: s.topic,
        partition: s.partition,
        cursor: String(s.settlement.nextCursor),
      });
    }
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
