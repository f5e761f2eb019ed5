// The connector runtime: what every connector app shares. A connector implements the small
// `Connector` contract; `runConnector` runs it. See ../README.md.

export type {
  Connector,
  DeliveryTarget,
  DeliverableResponse,
  DeliveryOutcome,
  DeliveryReport,
  RateLimit,
} from './contract/connector';
export { runConnector } from './runtime/run-connector';
export type { ConnectorAppConfig } from './runtime/connector-app-config';
export { ConnectorRuntime } from './runtime/connector-runtime';
export type { RuntimeDependencies, RuntimeStartOptions } from './runtime/connector-runtime';
export type { RuntimeOptions } from './runtime/runtime-options';
export { asRuntimeConnector } from './contract/runtime-connector';
export { ConnectorRuntimeError } from './errors/connector-runtime-error';
export type { ConnectorRuntimeErrorCode } from './errors/connector-runtime-error';
export { deadLetterHeaderNames } from './dead-letters/dead-letter-record';
export { connectorRuntimeVariables } from './config/runtime-variables';
export type { ConnectorRuntimeVariables } from './config/runtime-variables';
