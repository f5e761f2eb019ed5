export { createKafka, KafkaClients, type KafkaClientExtras } from './create-kafka';
export { RevocableSockets } from './revocable-sockets';
export { createSchemaRegistry, type SchemaRegistryOptions } from './create-schema-registry';
export { KafkaModule } from './kafka.module';
export { kafkaLogLevelFor, nestKafkaLogCreator } from './kafka-logger';
export type { KafkaOptions } from './kafka-options';
export { KafkaReadinessProbe } from './kafka-readiness.probe';
export { SchemaRegistryReadinessProbe } from './schema-registry-readiness.probe';
export { SCHEMA_REGISTRY_URL } from './tokens';
export * from './consumer';
export {
  connectDeadLetterProducer,
  type DeadLetterProducer,
  type DeadLetterTopicOptions,
} from './dead-letters/dead-letter-producer';
export { kafkaThreadEntry, kafkaThreadExecArgv } from './kafka-thread-entry';
