import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { type DynamicModule, Module } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { createKafka, KafkaClients } from './create-kafka';
import { createSchemaRegistry } from './create-schema-registry';
import type { KafkaOptions } from './kafka-options';
import { KafkaReadinessProbe } from './kafka-readiness.probe';
import { SchemaRegistryReadinessProbe } from './schema-registry-readiness.probe';
import { SCHEMA_REGISTRY_URL } from './tokens';

/**
 * Provides the kafkajs `Kafka` client, `KafkaClients` (for parts that need connections of their
 * own) and the `SchemaRegistry` (inject each by class) and the
 * `kafka` and `schema-registry` readiness probes. Producers and consumers are created from
 * `Kafka` by the modules that own them, and must disconnect in their own shutdown hooks.
 */
@Module({})
export class KafkaModule {
  static forRoot(options: KafkaOptions): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      providers: [
        { provide: Kafka, useFactory: () => createKafka(options) },
        { provide: KafkaClients, useFactory: () => new KafkaClients(options) },
        { provide: SCHEMA_REGISTRY_URL, useValue: options.schemaRegistryUrl },
        {
          provide: SchemaRegistry,
          useFactory: () =>
            createSchemaRegistry({ url: options.schemaRegistryUrl, clientId: options.clientId }),
        },
        KafkaReadinessProbe,
        SchemaRegistryReadinessProbe,
      ],
      exports: [Kafka, KafkaClients, SchemaRegistry, SCHEMA_REGISTRY_URL],
    };
  }
}
