import { DatabaseModule } from '@collect/database';
import { KafkaModule } from '@collect/kafka';
import { HealthModule, LoggingModule } from '@collect/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { Pool } from 'pg';
import type { ProjectorConfig } from './config';
import { ReadModelSchema } from './generations/read-model-schema';

/** collect-projector: turns events into Postgres read models. The consumer module joins here. */
@Module({})
export class AppModule {
  static forRoot(config: ProjectorConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ level: config.logLevel }),
        HealthModule,
        KafkaModule.forRoot({
          brokers: config.kafkaBrokers,
          clientId: config.kafkaClientId,
          schemaRegistryUrl: config.schemaRegistryUrl,
          logLevel: config.logLevel,
        }),
        DatabaseModule.forRoot({
          connectionString: config.databaseUrl,
          password: config.databasePassword,
          applicationName: 'collect-projector',
          maxConnections: config.databasePoolSize,
        }),
      ],
      providers: [
        {
          provide: ReadModelSchema,
          inject: [Pool],
          useFactory: (pool: Pool) => ReadModelSchema.prepare(pool, config.migrationsDir),
        },
      ],
    };
  }
}
