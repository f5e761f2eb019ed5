import { DatabaseModule } from '@collect/database';
import { KafkaModule } from '@collect/kafka';
import { HealthModule, LoggingModule } from '@collect/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import type { SmsConnectorConfig } from './config';

/** collect-sms-connector: sends SMS receipts through Twilio. The connector module joins here. */
@Module({})
export class AppModule {
  static forRoot(config: SmsConnectorConfig): DynamicModule {
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
          applicationName: 'collect-sms-connector',
        }),
      ],
    };
  }
}
