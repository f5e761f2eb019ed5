import { EventSerde, deadLetterTopic } from '@collect/events';
import { connectorGroupId, integrationsMigrations } from '@collect/integrations';
import { ReadinessService } from '@collect/platform';
import { serviceInfrastructure } from '@collect/service-infrastructure';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { type DynamicModule, Module } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import type { RuntimeConnector } from '../contract/runtime-connector';
import { ConnectorLifecycle } from './connector-lifecycle';
import { ConnectorRuntime } from './connector-runtime';
import type { ConnectorAppConfig } from './connector-app-config';

/** A connector app: logging, health, Kafka, Postgres and the runtime around one connector. */
@Module({})
export class ConnectorAppModule {
  static forRoot(connector: RuntimeConnector, config: ConnectorAppConfig): DynamicModule {
    const serviceName = `collect-${connector.type}-connector`;
    return {
      module: ConnectorAppModule,
      imports: serviceInfrastructure({
        serviceName,
        config,
        database: { maxConnections: config.databasePoolSize },
      }),
      providers: [
        {
          provide: ConnectorRuntime,
          inject: [Kafka, Pool, SchemaRegistry],
          useFactory: (kafka: Kafka, pool: Pool, registry: SchemaRegistry) =>
            new ConnectorRuntime(
              { kafka, pool, serde: new EventSerde(registry), connector },
              {
                responsesTopic: config.responsesTopic,
                integrationsTopic: config.integrationsTopic,
                groupId: config.groupId ?? connectorGroupId(connector.type),
                deadLetterTopic: deadLetterTopic(connector.type),
                deadLetterReplicationFactor: config.deadLetterReplicationFactor,
                deadLetterPartitions: config.deadLetterPartitions,
                backoff: { initialMs: config.retryInitialMs, maxMs: config.retryMaxMs },
                partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
                targetConcurrency: config.targetConcurrency,
                maxBatchBytes: config.maxBatchBytes,
                maxWaitMs: config.maxWaitMs,
                refreshMs: config.refreshMs,
                migrations: integrationsMigrations(config.integrationsMigrationsDir),
                sessionTimeoutMs: config.sessionTimeoutMs,
                heartbeatIntervalMs: config.heartbeatIntervalMs,
              },
            ),
        },
        {
          provide: ConnectorLifecycle,
          inject: [ConnectorRuntime, ReadinessService],
          useFactory: (runtime: ConnectorRuntime, readiness: ReadinessService) =>
            new ConnectorLifecycle(runtime, readiness),
        },
      ],
    };
  }
}
