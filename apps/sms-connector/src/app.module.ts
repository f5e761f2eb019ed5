import { serviceInfrastructure } from '@collect/service-infrastructure';
import { type DynamicModule, Module } from '@nestjs/common';
import type { SmsConnectorConfig } from './config';

/** collect-sms-connector: sends SMS receipts through Twilio. The connector module joins here. */
@Module({})
export class AppModule {
  static forRoot(config: SmsConnectorConfig): DynamicModule {
    return {
      module: AppModule,
      imports: serviceInfrastructure({ serviceName: 'collect-sms-connector', config }),
    };
  }
}
