import { DatabaseModule } from '@collect/database';
import { KafkaModule } from '@collect/kafka';
import { HealthModule, LoggingModule } from '@collect/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import type { ProjectorConfig } from './config';

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
        }),
      ],
    };
  }
}
