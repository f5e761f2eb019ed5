import { DatabaseModule } from '@collect/database';
import { KafkaModule } from '@collect/kafka';
import { HealthModule, LoggingModule } from '@collect/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import type { ApiConfig } from './config';

/** collect-api: the HTTP API. Capability modules (forms, responses, integrations, replay) join here. */
@Module({})
export class AppModule {
  static forRoot(config: ApiConfig): DynamicModule {
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
          applicationName: 'collect-api',
        }),
      ],
    };
  }
}
