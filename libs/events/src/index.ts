// The event contracts of Collect: types, Avro schemas, topics, keys, headers, serialisation, upcasting.
// Contracts only: no Nest modules, no environment, no connections of its own (callers pass theirs).

export * from './form-definition';
export * from './form-events';
export * from './response-events';
export type { CollectEvent, CollectEventType } from './collect-event';

export {
  EventsError,
  EventDecodeError,
  EventEncodeError,
  SchemaRegistryError,
  TopicConfigurationError,
} from './errors';
export type {
  EventDecodeErrorCode,
  EventEncodeErrorCode,
  SchemaRegistryErrorCode,
  TopicConfigurationErrorCode,
} from './errors';

export {
  collectEventContracts,
  collectEventTypes,
  schemaVersionOf,
  topicOf,
  keyOf,
} from './contracts/collect-contracts';
export type { EventContract, EventSchemaVersion } from './contracts/event-contract';
export { eventsNamespace } from './schemas/event-fields';
export type { AvroRecordSchema, AvroField, AvroTypeSchema } from './schemas/avro-schema';

export {
  formsTopic,
  responsesTopic,
  eventTopics,
  deadLetterTopic,
  deadLetterTopicPrefix,
} from './topics/topic-names';
export { defaultPartitions, minInsyncReplicasFor, topicConfig } from './topics/topic-settings';
export type { TopicSettings } from './topics/topic-settings';
export { ensureTopics } from './topics/ensure-topics';
export type {
  EnsureTopicsOptions,
  EnsureTopicsReport,
  ConfigDrift,
  TopicAdmin,
} from './topics/ensure-topics';

export {
  eventHeaders,
  readEventHeaders,
  eventHeaderNames,
  eventContentType,
} from './headers/event-headers';
export type { EventHeaderValues } from './headers/event-headers';
export { traceHeaders, contextFromTraceparent, type TraceHeaders } from './headers/trace-context';

export { EventSerde } from './serde/event-serde';
export type { EventSerdeOptions } from './serde/event-serde';
export type { SchemaRegistryClient } from './serde/schema-registry-client';
export { eventMessage } from './kafka-message';
export type { EventMessage } from './kafka-message';

export { collectUpcasters } from './upcasting/collect-upcasters';
export type { Upcaster, EventRecord } from './upcasting/upcaster';
