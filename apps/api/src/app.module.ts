import { serviceInfrastructure } from '@collect/service-infrastructure';
import { type DynamicModule, Module } from '@nestjs/common';
import { resolve } from 'node:path';
import { AuthModule } from './auth/auth.module';
import type { ApiConfig } from './config';
import { EventsModule } from './events';
import { FormsModule } from './forms';
import { FormQueriesModule } from './forms/queries/form-queries.module';
import { IntegrationsModule } from './integrations';
import { API_MIGRATIONS_TABLE } from './migrations-table';
import { OrganisationsModule } from './organisations/organisations.module';
import { ReadModelModule } from './read-model';
import { ResponseQueriesModule } from './responses/queries/response-queries.module';
import { ResponsesModule } from './responses/responses.module';

/** collect-api: the HTTP API. Capability modules (forms, responses, integrations, replay) join here. */
@Module({})
export class AppModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceInfrastructure({
          serviceName: 'collect-api',
          config,
          database: {
            migrations: { directory: resolve(config.migrationsDir), table: API_MIGRATIONS_TABLE },
          },
        }),
        AuthModule.forRoot({
          adminKey: config.adminKey,
          keyCacheTtlMs: config.apiKeyCacheTtlMs,
          rateLimit: { perSecond: config.rateLimitPerSecond, burst: config.rateLimitBurst },
        }),
        OrganisationsModule,
        EventsModule.forRoot({
          topics: { forms: config.formsTopic, responses: config.responsesTopic },
          partitions: config.topicPartitions,
          replicationFactor: config.kafkaReplicationFactor,
          publishTimeoutMs: config.eventsPublishTimeoutMs,
          startupTimeoutMs: config.eventsStartupTimeoutMs,
        }),
        FormsModule,
        ResponsesModule.forRoot(),
        ReadModelModule.forRoot(),
        FormQueriesModule,
        ResponseQueriesModule,
        IntegrationsModule.forRoot({
          migrationsDir: config.integrationsMigrationsDir,
          topic: config.integrationsTopic,
          partitions: config.topicPartitions,
          replicationFactor: config.kafkaReplicationFactor,
          kafkaTimeoutMs: config.eventsPublishTimeoutMs,
        }),
      ],
    };
  }
}
