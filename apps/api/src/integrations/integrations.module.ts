import { runMigrations } from '@collect/database';
import { integrationsMigrations } from '@collect/integrations';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { ConnectorTypeStore } from './connector-type-store';
import { DeadLetterStore } from './dead-letter-store';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersService } from './dead-letters.service';
import { FormIntegrationsController } from './form-integrations.controller';
import { FormOwnership } from './form-ownership';
import { IntegrationConfigs } from './integration-configs';
import { IntegrationEventProducer } from './integration-event-producer';
import { IntegrationReads } from './integration-reads';
import { IntegrationStatusStore } from './integration-status-store';
import { IntegrationStore } from './integration-store';
import { IntegrationsController } from './integrations.controller';
import { IntegrationsDb } from './integrations-db';
import {
  INTEGRATIONS_OPTIONS,
  resolveIntegrationsOptions,
  type IntegrationsModuleOptions,
  type ResolvedIntegrationsOptions,
} from './integrations-options';
import { IntegrationsService } from './integrations.service';
import { ResponsesTopicOffsets } from './responses-topic-offsets';

/**
 * Integration management over HTTP. At start applies the integrations contract's migrations
 * (shared with every connector app; the runner's advisory lock serialises them) before anything
 * uses its tables. Needs DatabaseModule, KafkaModule, EventsModule and AuthModule (all global).
 */
@Module({})
export class IntegrationsModule {
  static forRoot(options: IntegrationsModuleOptions = {}): DynamicModule {
    return {
      module: IntegrationsModule,
      controllers: [FormIntegrationsController, IntegrationsController, DeadLettersController],
      providers: [
        { provide: INTEGRATIONS_OPTIONS, useValue: resolveIntegrationsOptions(options) },
        {
          provide: IntegrationsDb,
          inject: [Pool, INTEGRATIONS_OPTIONS],
          useFactory: async (pool: Pool, resolved: ResolvedIntegrationsOptions) => {
            const migrations = integrationsMigrations(resolve(resolved.migrationsDir));
            await runMigrations(pool, migrations, new Logger('IntegrationsMigrations'));
            return new IntegrationsDb(pool, resolved.retryAfterSeconds);
          },
        },
        ConnectorTypeStore,
        IntegrationStore,
        IntegrationStatusStore,
        DeadLetterStore,
        IntegrationConfigs,
        FormOwnership,
        ResponsesTopicOffsets,
        IntegrationEventProducer,
        IntegrationReads,
        IntegrationsService,
        DeadLettersService,
      ],
    };
  }
}
