// The integrations contract shared by the API and the connector runtime: table names and their
// migrations, row types, integration events and the secret-redaction helpers. Contracts only: no
// Nest modules, no environment, no connections. See ../README.md.

export {
  integrationTables,
  integrationFunctions,
  integrationsMigrations,
  integrationsMigrationsTable,
  defaultIntegrationsMigrationsDir,
} from './tables';
export { connectorGroupId, connectorTypePattern } from './names';
export { integrationStates } from './integration';
export type {
  ConnectorTypeRegistration,
  ConnectorTypeRecord,
  Integration,
  IntegrationState,
  IntegrationCursor,
  DeliveryState,
  DeliveryRecord,
  IntegrationStatus,
  IntegrationStatusState,
  DeadLetterRecord,
} from './integration';
export { integrationColumns, toIntegration } from './integration-rows';
export type { IntegrationRow } from './integration-rows';
export {
  integrationsTopic,
  integrationEventContentType,
  integrationEventTypes,
} from './integration-events';
export type {
  IntegrationEvent,
  IntegrationEventType,
  IntegrationAttached,
  IntegrationUpdated,
  IntegrationPaused,
  IntegrationResumed,
  IntegrationDetached,
  IntegrationReplayRequested,
  RedactedConfig,
} from './integration-events';
export {
  integrationEventMessage,
  parseIntegrationEvent,
  IntegrationEventDecodeError,
} from './integration-event-codec';
export type { IntegrationEventMessage } from './integration-event-codec';
export {
  redactedValue,
  redactSecrets,
  keepRedactedSecrets,
  parsePointer,
  valueAt,
} from './secret-paths';
