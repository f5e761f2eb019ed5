import type { IntegrationState } from './integration';

/**
 * Integration lifecycle events, on `collect.integrations.v1` (key = formId). The value is JSON
 * (UTF-8) with a literal `type`, `schemaVersion` 1; headers `event-type`, `event-id`,
 * `content-type: application/json` and the W3C `traceparent` of the command. They are the audit
 * trail and the connectors' wake-up signal; the `integrations` table stays the source of truth.
 * They NEVER carry secret values: `config` is passed through `redactSecrets` first.
 */
export const integrationsTopic = 'collect.integrations.v1';

export const integrationEventContentType = 'application/json';

export type IntegrationEventType =
  | 'IntegrationAttached'
  | 'IntegrationUpdated'
  | 'IntegrationPaused'
  | 'IntegrationResumed'
  | 'IntegrationDetached'
  | 'IntegrationReplayRequested';

export const integrationEventTypes: readonly IntegrationEventType[] = [
  'IntegrationAttached',
  'IntegrationUpdated',
  'IntegrationPaused',
  'IntegrationResumed',
  'IntegrationDetached',
  'IntegrationReplayRequested',
];

interface IntegrationEventFields<T extends IntegrationEventType> {
  readonly type: T;
  readonly schemaVersion: 1;
  readonly eventId: string;
  readonly integrationId: string;
  readonly formId: string;
  readonly orgId: string;
  /** The connector type (`type` is the event's). */
  readonly connectorType: string;
  /** The integration's version after the change. */
  readonly version: number;
  /** ISO 8601. */
  readonly occurredAt: string;
}

/** Config with every secret path replaced by `redactedValue`. */
export type RedactedConfig = Readonly<Record<string, unknown>>;

export interface IntegrationAttached extends IntegrationEventFields<'IntegrationAttached'> {
  readonly name: string | null;
  readonly config: RedactedConfig;
  readonly backfill: boolean;
  readonly state: IntegrationState;
}

export interface IntegrationUpdated extends IntegrationEventFields<'IntegrationUpdated'> {
  readonly name: string | null;
  readonly config: RedactedConfig;
}

export type IntegrationPaused = IntegrationEventFields<'IntegrationPaused'>;
export type IntegrationResumed = IntegrationEventFields<'IntegrationResumed'>;
export type IntegrationDetached = IntegrationEventFields<'IntegrationDetached'>;

export interface IntegrationReplayRequested extends IntegrationEventFields<'IntegrationReplayRequested'> {
  /** ISO 8601: responses submitted at or after it are delivered again. */
  readonly from: string;
}

export type IntegrationEvent =
  | IntegrationAttached
  | IntegrationUpdated
  | IntegrationPaused
  | IntegrationResumed
  | IntegrationDetached
  | IntegrationReplayRequested;
