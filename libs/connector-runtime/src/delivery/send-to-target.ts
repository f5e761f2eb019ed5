import type { DeliverableResponse, DeliveryOutcome, DeliveryTarget } from '../contract/connector';
import type { RuntimeConnector } from '../contract/runtime-connector';
import type { TokenBuckets } from '../rate-limit/token-buckets';
import type { StatusNotes } from '../status/status-notes';
import { callConnector } from './call-connector';
import type { DecodedMessage } from './positioned-message';
import { delivered, type Resolution } from './resolution';

type ResponseMessage = Extract<DecodedMessage, { kind: 'response' }>;

export interface SendContext {
  readonly connector: RuntimeConnector;
  readonly buckets: TokenBuckets;
  readonly stopping: AbortSignal;
  readonly notes: StatusNotes;
}

/** Where the round's responses for this integration came from. */
export interface SendRange {
  /**
   * The fetched range began below this integration's cursor (it was read for an integration
   * further behind): a round from its own cursor would hold more of its responses.
   */
  readonly truncated: boolean;
}

const defaultMaxBatchSize = 500;
const defaultCallTimeoutMs = 30_000;
const notAttempted = 'not attempted: an earlier response of this integration is not delivered yet';

/**
 * Sends one integration's claimed responses to its target, in order, and resolves each (by
 * offset). Claims left by an earlier round are settled first (reconcile, or re-send when the
 * connector is idempotent, or dead-letter as unconfirmed). Then, within the rate limits, one
 * `deliver` call per chunk; the first response not delivered stops the rest (per-form order).
 * Under per-call limits a short last chunk of a truncated range waits for a fuller round.
 */
export async function sendToTarget(
  context: SendContext,
  target: DeliveryTarget,
  fresh: readonly ResponseMessage[],
  unconfirmed: readonly ResponseMessage[],
  range: SendRange = { truncated: false },
): Promise<Map<bigint, Resolution>> {
  const resolutions = new Map<bigint, Resolution>();
  const resolve = (messages: readonly DecodedMessage[], resolution: Resolution) =>
    messages.forEach((message) => resolutions.set(message.position.offset, resolution));

  const settled = await settleUnconfirmed(context, target, unconfirmed);
  if (!settled.ok) {
    resolve(unconfirmed, { kind: 'unconfirmed', reason: settled.reason });
    resolve(fresh, { kind: 'retry-later', reason: notAttempted });
    return resolutions;
  }
  for (const [offset, resolution] of settled.resolutions) resolutions.set(offset, resolution);
  const toSend = [...settled.resend, ...fresh].sort((a, b) =>
    a.position.offset < b.position.offset ? -1 : a.position.offset > b.position.offset ? 1 : 0,
  );

  const maxBatch = context.connector.maxBatchSize ?? defaultMaxBatchSize;
  const limits = context.connector.rateLimits?.(target) ?? [];
  let next = 0;
  const perCall = limits.some((limit) => limit.per === 'call');
  while (next < toSend.length) {
    let chunk = toSend.slice(next, next + maxBatch);
    if (perCall && range.truncated && chunk.length < maxBatch) {
      // A token is one call whatever it carries: spend it on a full chunk, which a round from
      // this integration's own cursor will hold, not on the tail the fetch happened to cut.
      resolve(toSend.slice(next), {
        kind: 'retry-later',
        reason: 'rate_limited: waiting to fill a call (the fetched range cut this one short)',
        retryAfterMs: 0,
        throttled: true,
      });
      break;
    }
    const grant = await context.buckets.take(limits, chunk.length);
    if (grant.responses === 0) {
      resolve(toSend.slice(next), {
        kind: 'retry-later',
        reason: 'rate_limited: no tokens left in a rate-limit bucket',
        retryAfterMs: grant.retryAfterMs,
        throttled: true,
      });
      break;
    }
    chunk = chunk.slice(0, grant.responses);
    next += chunk.length;
    const complete = await deliverChunk(context, target, chunk, resolutions);
    if (!complete) {
      resolve(toSend.slice(next), { kind: 'retry-later', reason: notAttempted });
      break;
    }
  }
  return resolutions;
}

/** One deliver call; false when something in it is not settled (the rest must wait). */
async function deliverChunk(
  context: SendContext,
  target: DeliveryTarget,
  chunk: readonly ResponseMessage[],
  resolutions: Map<bigint, Resolution>,
): Promise<boolean> {
  const result = await callConnector(
    'deliver',
    context.connector.callTimeoutMs ?? defaultCallTimeoutMs,
    context.stopping,
    (signal) =>
      context.connector.deliver(
        target,
        chunk.map(deliverable),
        signal,
        context.notes.reportFor(target.integrationId),
      ),
  );
  if (!result.ok) {
    chunk.forEach((message) =>
      resolutions.set(message.position.offset, {
        kind: 'unconfirmed',
        reason: result.failure.reason,
      }),
    );
    return false;
  }
  const outcomes = new Map<string, DeliveryOutcome>();
  for (const outcome of result.value) outcomes.set(outcome.responseId.toLowerCase(), outcome);
  let complete = true;
  for (const message of chunk) {
    const resolution = toResolution(outcomes.get(message.responseId));
    resolutions.set(message.position.offset, resolution);
    if (resolution.kind === 'retry-later' || resolution.kind === 'unconfirmed') complete = false;
  }
  return complete;
}

function toResolution(outcome: DeliveryOutcome | undefined): Resolution {
  if (!outcome) return { kind: 'unconfirmed', reason: 'deliver reported no outcome for it' };
  switch (outcome.status) {
    case 'delivered':
      return delivered;
    case 'failed':
      return { kind: 'failed', reason: `permanent_failure: ${outcome.reason}` };
    case 'retry-later':
      return {
        kind: 'retry-later',
        reason: `retry_later: ${outcome.reason}`,
        ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}),
      };
  }
}

type Unconfirmed =
  | {
      readonly ok: true;
      readonly resolutions: ReadonlyMap<bigint, Resolution>;
      readonly resend: readonly ResponseMessage[];
    }
  | { readonly ok: false; readonly reason: string };

/** Claims nobody confirmed: which landed (reconcile), or re-send, or give up on them. */
async function settleUnconfirmed(
  context: SendContext,
  target: DeliveryTarget,
  unconfirmed: readonly ResponseMessage[],
): Promise<Unconfirmed> {
  if (unconfirmed.length === 0) return { ok: true, resolutions: new Map(), resend: [] };
  const { connector } = context;
  if (connector.reconcile) {
    const reconcile = connector.reconcile.bind(connector);
    const result = await callConnector(
      'reconcile',
      connector.callTimeoutMs ?? defaultCallTimeoutMs,
      context.stopping,
      (signal) => reconcile(target, unconfirmed.map(deliverable), signal),
    );
    if (!result.ok) return { ok: false, reason: result.failure.reason };
    const landed = new Set(result.value.map((id) => id.toLowerCase()));
    return {
      ok: true,
      resolutions: new Map(
        unconfirmed
          .filter((message) => landed.has(message.responseId))
          .map((message) => [message.position.offset, delivered]),
      ),
      resend: unconfirmed.filter((message) => !landed.has(message.responseId)),
    };
  }
  if (connector.idempotent) return { ok: true, resolutions: new Map(), resend: unconfirmed };
  return {
    ok: true,
    resend: [],
    resolutions: new Map(
      unconfirmed.map((message) => [
        message.position.offset,
        {
          kind: 'failed',
          reason:
            'unconfirmed: sent or perhaps sent, never confirmed; not sent again (the connector is neither idempotent nor reconcilable)',
        },
      ]),
    ),
  };
}

function deliverable(message: ResponseMessage): DeliverableResponse {
  return {
    response: message.response,
    partition: message.position.partition,
    offset: message.position.offset,
    publishedAt: message.position.timestamp,
  };
}
