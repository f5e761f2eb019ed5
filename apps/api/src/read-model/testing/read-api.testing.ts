import { DatabaseModule } from '@collect/database';
import { KafkaModule } from '@collect/kafka';
import { HealthModule, Secret } from '@collect/platform';
import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { eventually } from '../../../../../test/support/eventually';
import { uniqueName } from '../../../../../test/support/names';
import { stackEnv } from '../../../../../test/support/stack-env';
import {
  migrateProjection,
  projectionMigrationDirs,
} from '../../../../projector/src/generations/projection-migrations';
import { AuthModule } from '../../auth/auth.module';
import type { Scope } from '../../auth/scopes';
import {
  EVENTS_OPTIONS,
  EventsModule,
  FormsView,
  resolveEventsOptions,
  type EventTopicNames,
} from '../../events';
import { FormsModule } from '../../forms';
import { FormQueriesModule } from '../../forms/queries/form-queries.module';
import { configureHttp } from '../../http';
import { API_MIGRATIONS_TABLE } from '../../migrations-table';
import { OrganisationsService } from '../../organisations/organisations.service';
import { OrganisationsModule } from '../../organisations/organisations.module';
import { ResponseQueriesModule } from '../../responses/queries/response-queries.module';
import { ResponsesModule } from '../../responses/responses.module';
import { ProjectionProgress } from '../consistency/projection-progress';
import { ReadModelModule } from '../read-model.module';
import type { ReadModelOptions } from '../read-model-options';
import { createPrivateDatabase, type PrivateDatabase } from './private-database.testing';

/** Test support: the API's read side in-process over a private database. Not a spec. */

/** The topics read-your-writes accepts in these tests. */
export const testTopics = {
  forms: 'test.collect.forms.v1',
  responses: 'test.collect.responses.v1',
};

@Global()
@Module({})
class TestTopicsModule {
  static forRoot(): DynamicModule {
    const provider = {
      provide: EVENTS_OPTIONS,
      useValue: resolveEventsOptions({ topics: testTopics }),
    };
    return { module: TestTopicsModule, providers: [provider], exports: [provider] };
  }
}

/**
 * The write side too: form commands and submissions over Kafka on these topics (with a forms
 * view), so a projector pointed at the same topics and database fills what the reads see.
 */
function writeSide(topics: EventTopicNames): (DynamicModule | Type)[] {
  const env = stackEnv();
  return [
    KafkaModule.forRoot({
      brokers: env.kafkaBrokers,
      clientId: 'collect-api-read-test',
      schemaRegistryUrl: env.schemaRegistryUrl,
      logLevel: 'error',
    }),
    EventsModule.forRoot({ partitions: 3, topics }),
    FormsModule,
    ResponsesModule.forRoot(),
  ];
}

export interface ReadApiOptions {
  readonly readModel?: ReadModelOptions;
  /** Also serve the commands, publishing to these topics. Without: no Kafka, rows are seeded. */
  readonly commandTopics?: EventTopicNames;
}

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: Record<string, unknown>;
  readonly text: string;
}

export interface ReadApi {
  readonly app: NestFastifyApplication;
  readonly db: PrivateDatabase;
  readonly progress: ProjectionProgress;
  /** A fresh organisation and a key of it with `scopes`. */
  newOrganisation(scopes?: Scope[]): Promise<{ orgId: string; key: string }>;
  get(url: string, key: string, headers?: Record<string, string>): Promise<Reply>;
  send(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    key: string,
    body: unknown,
  ): Promise<Reply>;
  close(): Promise<void>;
}

/**
 * A private database with the API's tables and the projector's read model (its own migrations,
 * as the projector applies them), and the read endpoints over it.
 */
export async function startReadApi(options: ReadApiOptions = {}): Promise<ReadApi> {
  const db = await createPrivateDatabase();
  await migrateProjection(db.pool, projectionMigrationDirs(resolve('apps/projector/migrations')));
  const moduleRef = await Test.createTestingModule({
    imports: [
      HealthModule,
      DatabaseModule.forRoot({
        connectionString: db.url,
        password: new Secret(db.password),
        applicationName: 'collect-api-read-test',
        migrations: { directory: resolve('apps/api/migrations'), table: API_MIGRATIONS_TABLE },
      }),
      AuthModule.forRoot({
        adminKey: new Secret(randomBytes(32).toString('hex')),
        keyCacheTtlMs: 30_000,
        rateLimit: { perSecond: 100_000, burst: 100_000 },
      }),
      OrganisationsModule,
      ...(options.commandTopics ? writeSide(options.commandTopics) : [TestTopicsModule.forRoot()]),
      ReadModelModule.forRoot(options.readModel),
      FormQueriesModule,
      ResponseQueriesModule,
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: ['error'],
  });
  configureHttp(app, { bodyLimitBytes: 1024 * 1024, jsonMaxDepth: 32, openApi: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  if (options.commandTopics) {
    const view = app.get(FormsView);
    await eventually(() => view.health.ready, 'the forms view to finish its initial catch-up');
  }
  const organisations = app.get(OrganisationsService);
  return {
    app,
    db,
    progress: app.get(ProjectionProgress),
    async newOrganisation(scopes: Scope[] = ['forms:read', 'responses:read']) {
      const { orgId } = await organisations.create(uniqueName('org'));
      const { key } = await organisations.createKey(orgId, 'read test', scopes);
      return { orgId, key };
    },
    get: (url, key, headers = {}) => inject(app, 'GET', url, key, headers),
    send: (method, url, key, body) =>
      inject(app, method, url, key, { 'content-type': 'application/json' }, JSON.stringify(body)),
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

async function inject(
  app: NestFastifyApplication,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  key: string,
  headers: Record<string, string>,
  payload?: string,
): Promise<Reply> {
  const response = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}`, ...headers },
    ...(payload === undefined ? {} : { payload }),
  });
  const json = /json/.test(String(response.headers['content-type']));
  return {
    status: response.statusCode,
    headers: response.headers,
    body: json ? (JSON.parse(response.body) as Record<string, unknown>) : {},
    text: response.body,
  };
}
