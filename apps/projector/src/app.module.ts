import { EventSerde } from '@collect/events';
import { ReadinessService } from '@collect/platform';
import { serviceInfrastructure } from '@collect/service-infrastructure';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { type DynamicModule, Module } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import type { ProjectorConfig } from './config';
import { Projector } from './projector';
import { ProjectorLifecycle } from './projector.lifecycle';

/** collect-projector: turns the form and response events into Postgres read models. */
@Module({})
export class AppModule {
  static forRoot(config: ProjectorConfig): DynamicModule {
    const backoff = { initialMs: config.retryInitialMs, maxMs: config.retryMaxMs };
    return {
      module: AppModule,
      imports: serviceInfrastructure({
        serviceName: 'collect-projector',
        config,
        database: { maxConnections: config.databasePoolSize },
      }),
      providers: [
        {
          provide: Projector,
          inject: [Kafka, Pool, SchemaRegistry],
          useFactory: (kafka: Kafka, pool: Pool, registry: SchemaRegistry) =>
            new Projector(
              { kafka, pool, serde: new EventSerde(registry) },
              {
                groupId: config.groupId,
                topics: { forms: config.formsTopic, responses: config.responsesTopic },
                deadLetterTopic: config.deadLetterTopic,
                replicationFactor: config.deadLetterReplicationFactor,
                partitions: config.deadLetterPartitions,
                backoff,
                maxBytesPerPartition: config.maxBatchBytes,
                maxBytesPerFetch: config.maxFetchBytes,
                maxWaitTimeInMs: config.maxWaitMs,
                partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
                sessionTimeoutMs: config.sessionTimeoutMs,
              },
            ),
        },
        {
          provide: ProjectorLifecycle,
          inject: [Projector, Pool, ReadinessService],
          useFactory: (projector: Projector, pool: Pool, readiness: ReadinessService) =>
            new ProjectorLifecycle(
              projector,
              pool,
              { migrationsDir: config.migrationsDir, backoff },
              readiness,
            ),
        },
      ],
    };
  }
}
