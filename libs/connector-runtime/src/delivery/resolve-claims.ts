import type { Integration } from '@collect/integrations';
import type { Logger } from '@nestjs/common';
import type { RuntimeConnector } from '../contract/runtime-connector';
import type { ClaimResult } from '../ledger/claims';
import type { TokenBuckets } from '../rate-limit/token-buckets';
import type { StatusNotes } from '../status/status-notes';
import { inDeliverySpan } from '../telemetry/delivery-span';
import type { DecodedMessage } from './positioned-message';
import { done, type Resolution } from './resolution';
import { sendToTarget, type SendRange } from './send-to-target';

type ResponseMessage = Extract<DecodedMessage, { kind: 'response' }>;

export interface ClaimContext {
  readonly connector: RuntimeConnector;
  readonly buckets: TokenBuckets;
  readonly stopping: AbortSignal;
  readonly notes: StatusNotes;
  readonly logger: Logger;
}

/**
 * What becomes of one integration's claimed messages: already done ones are skipped, poison
 * fails, responses are sent (unconfirmed claims settled first) inside a delivery span.
 */
export async function resolveClaims(
  context: ClaimContext,
  partition: number,
  integration: Integration,
  claimed: ClaimResult,
  range?: SendRange,
): Promise<Map<bigint, Resolution>> {
  const resolutions = new Map<bigint, Resolution>();
  claimed.done.forEach((m) => resolutions.set(m.position.offset, done));
  for (const m of [...claimed.fresh, ...claimed.unconfirmed]) {
    if (m.kind === 'poison')
      resolutions.set(m.position.offset, { kind: 'failed', reason: m.reason });
  }
  const fresh = responsesOf(claimed.fresh);
  const unconfirmed = responsesOf(claimed.unconfirmed);
  if (fresh.length + unconfirmed.length === 0) return resolutions;
  const { connector } = context;
  if (unconfirmed.length > 0) {
    context.logger.log({
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
      type: connector.type,
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
        context,
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
        range,
      ),
  );
  for (const [offset, resolution] of sent) resolutions.set(offset, resolution);
  return resolutions;
}

function responsesOf(list: readonly DecodedMessage[]): ResponseMessage[] {
  return list.filter((m): m is ResponseMessage => m.kind === 'response');
}
