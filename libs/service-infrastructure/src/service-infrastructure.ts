import { DatabaseModule, type DatabaseOptions, type MigrationOptions } from '@collect/database';
import { KafkaModule } from '@collect/kafka';
import {
  type ConfigOf,
  HealthModule,
  LoggingModule,
  type serviceVariables,
} from '@collect/platform';
import type { DynamicModule, Type } from '@nestjs/common';

/** The part of an app's config (the variables `serviceVariables` declares) the wiring reads. */
export type ServiceConnectionsConfig = Pick<
  ConfigOf<ReturnType<typeof serviceVariables>>,
  | 'logLevel'
  | 'kafkaBrokers'
  | 'kafkaClientId'
  | 'schemaRegistryUrl'
  | 'databaseUrl'
  | 'databasePassword'
>;

/** What differs between the apps' Postgres pools. */
export interface ServiceDatabaseOptions {
  /** Pool size per process; unset: the pool's default. */
  readonly maxConnections?: DatabaseOptions['maxConnections'];
  /** Applied before the pool is handed out; unset: the app owns no migrations. */
  readonly migrations?: MigrationOptions;
}

export interface ServiceInfrastructureOptions {
  /** e.g. `collect-api`: Postgres shows it as the connections' `application_name`. */
  readonly serviceName: string;
  readonly config: ServiceConnectionsConfig;
  readonly database?: ServiceDatabaseOptions;
}

/**
 * The modules every app's root module starts with: structured logging, `/health`, Kafka with the
 * schema registry, and Postgres, each registering its readiness probe.
 */
export function serviceInfrastructure({
  serviceName,
  config,
  database,
}: ServiceInfrastructureOptions): (DynamicModule | Type)[] {
  return [
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
      applicationName: serviceName,
      ...database,
    }),
  ];
}
