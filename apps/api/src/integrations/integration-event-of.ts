import type { Integration, IntegrationEvent, IntegrationEventType } from '@collect/integrations';
import { redactedConfig } from './integration-view';

export interface EventMeta {
  readonly eventId: string;
  readonly occurredAt: Date;
  /** IntegrationReplayRequested only: where the replay starts. */
  readonly replayFrom?: Date;
}

/**
 * The event recording a change to `integration` (its state after the change). Configs go through
 * the same redaction as API responses: an event never carries a secret.
 */
export function integrationEventOf(
  type: IntegrationEventType,
  integration: Integration,
  secretPaths: readonly string[] | undefined,
  meta: EventMeta,
): IntegrationEvent {
  const base = {
    schemaVersion: 1 as const,
    eventId: meta.eventId,
    integrationId: integration.integrationId,
    formId: integration.formId,
    orgId: integration.orgId,
    connectorType: integration.type,
    version: integration.version,
    occurredAt: meta.occurredAt.toISOString(),
  };
  const config = redactedConfig(integration.config, secretPaths);
  switch (type) {
    case 'IntegrationAttached':
      return {
        ...base,
        type,
        name: integration.name,
        config,
        backfill: integration.backfill,
        state: integration.state,
      };
    case 'IntegrationUpdated':
      return { ...base, type, name: integration.name, config };
    case 'IntegrationReplayRequested':
      return { ...base, type, from: (meta.replayFrom ?? meta.occurredAt).toISOString() };
    case 'IntegrationPaused':
    case 'IntegrationResumed':
    case 'IntegrationDetached':
      return { ...base, type };
  }
}
