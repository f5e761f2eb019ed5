import { DatabaseModule } from '@collect/database';
import { KafkaModule } from '@collect/kafka';
import { HealthModule, Secret } from '@collect/platform';
import { Module, type DynamicModule } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { eventually } from '../../../../test/support/eventually';
import { uniqueName } from '../../../../test/support/names';
import { stackEnv } from '../../../../test/support/stack-env';
import { AuthModule } from '../auth/auth.module';
import type { Scope } from '../auth/scopes';
import { EventPublisher, EventsModule, FormsView, type EventsModuleOptions } from '../events';
import { configureHttp } from '../http';
import { API_MIGRATIONS_TABLE } from '../migrations-table';
import { OrganisationsModule } from '../organisations/organisations.module';
import { OrganisationsService } from '../organisations/organisations.service';
import { FormsModule } from './forms.module';
import { FormsService } from './forms.service';

/** Test support: the API's forms slice in-process, on random topics. Not a spec. */

export const randomTopics = (): { forms: string; responses: string } => {
  const prefix = uniqueName('test');
  return { forms: `${prefix}.collect.forms.v1`, responses: `${prefix}.collect.responses.v1` };
};

@Module({})
class FormsTestModule {
  static forRoot(events: EventsModuleOptions, kafkaBrokers?: readonly string[]): DynamicModule {
    const env = stackEnv();
    return {
      module: FormsTestModule,
      imports: [
        HealthModule,
        KafkaModule.forRoot({
          brokers: kafkaBrokers ?? env.kafkaBrokers,
          clientId: 'collect-api-test',
          schemaRegistryUrl: env.schemaRegistryUrl,
          logLevel: 'error',
        }),
        DatabaseModule.forRoot({
          connectionString: env.databaseUrl,
          password: new Secret(env.databasePassword),
          applicationName: 'collect-api-test',
          migrations: { directory: resolve('apps/api/migrations'), table: API_MIGRATIONS_TABLE },
        }),
        AuthModule.forRoot({
          adminKey: new Secret(randomBytes(32).toString('hex')),
          keyCacheTtlMs: 30_000,
          rateLimit: { perSecond: 10_000, burst: 10_000 },
        }),
        OrganisationsModule,
        EventsModule.forRoot({ partitions: 3, ...events }),
        FormsModule,
      ],
    };
  }
}

export interface ApiInstance {
  readonly app: NestFastifyApplication;
  readonly forms: FormsService;
  readonly view: FormsView;
  readonly publisher: EventPublisher;
  /** A fresh organisation and an API key of it with `scopes`. */
  newOrganisation(scopes?: Scope[]): Promise<{ orgId: string; key: string }>;
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    key: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** Boots one API replica (its own producer and forms view) and waits until its view is ready. */
export async function startApiInstance(
  events: EventsModuleOptions,
  kafkaBrokers?: readonly string[],
): Promise<ApiInstance> {
  const moduleRef = await Test.createTestingModule({
    imports: [FormsTestModule.forRoot(events, kafkaBrokers)],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: ['error'],
  });
  configureHttp(app, { bodyLimitBytes: 1024 * 1024, jsonMaxDepth: 32, openApi: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const view = app.get(FormsView);
  await eventually(() => view.health.ready, 'the forms view to finish its initial catch-up');
  const organisations = app.get(OrganisationsService);
  return {
    app,
    forms: app.get(FormsService),
    view,
    publisher: app.get(EventPublisher),
    async newOrganisation(scopes: Scope[] = ['forms:write']) {
      const { orgId } = await organisations.create(uniqueName('org'));
      const { key } = await organisations.createKey(orgId, 'forms test', scopes);
      return { orgId, key };
    },
    async request(method, url, key, body) {
      const response = await app.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
      return {
        status: response.statusCode,
        body: response.body ? (JSON.parse(response.body) as Record<string, unknown>) : {},
        headers: response.headers,
      };
    },
    close: () => app.close(),
  };
}
