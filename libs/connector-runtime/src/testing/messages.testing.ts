import type { ResponseSubmitted } from '@collect/events';
import type { Integration } from '@collect/integrations';
import type { DecodedMessage } from '../delivery/positioned-message';

/** Test support: decoded responses at given offsets of partition 0. Not a spec. */
export function responseAt(
  offset: number,
  responseId = `00000000-0000-4000-8000-${String(offset).padStart(12, '0')}`,
): Extract<DecodedMessage, { kind: 'response' }> {
  return {
    kind: 'response',
    position: {
      topic: 'responses',
      partition: 0,
      offset: BigInt(offset),
      timestamp: new Date(1_700_000_000_000 + offset),
      formId: 'form-1',
      message: {
        key: null,
        value: null,
        offset: String(offset),
        timestamp: '0',
        attributes: 0,
        headers: {},
      },
    },
    responseId,
    response: { responseId, formId: 'form-1' } as ResponseSubmitted,
    traceparent: undefined,
  };
}

export function integration(id: string, formId = 'form-1'): Integration {
  return {
    integrationId: id,
    orgId: 'org-1',
    formId,
    type: 'test',
    name: null,
    config: {},
    state: 'active',
    version: 1,
    backfill: false,
    attachedAt: new Date(0),
    updatedAt: new Date(0),
    detachedAt: null,
  };
}
