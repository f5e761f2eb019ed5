import { DatabaseModule } from '@collect/database';
import { HealthModule, Secret } from '@collect/platform';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { uniqueName } from '../../../../../test/support/names';
import {
  migrateProjection,
  projectionMigrationDirs,
} from '../../../../projector/src/generations/projection-migrations';
import { AuthModule } from '../../auth/auth.module';
import type { Scope } from '../../auth/scopes';
import { EVENTS_OPTIONS, resolveEventsOptions } from '../../events';
import { FormQueriesModule } from '../../forms/queries/form-queries.module';
import { configureHttp } from '../../http';
import { API_MIGRATIONS_TABLE } from '../../migrations-table';
import { OrganisationsService } from '../../organisations/organisations.service';
import { OrganisationsModule } from '../../organisations/organisations.module';
import { ResponseQueriesModule } from '../../responses/queries/response-queries.module';
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
  close(): Promise<void>;
}

/**
 * A private database with the API's tables and the projector's read model (its own migrations,
 * as the projector applies them), and the read endpoints over it. No Kafka: rows are seeded.
 */
export async function startReadApi(options: ReadModelOptions = {}): Promise<ReadApi> {
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
      TestTopicsModule.forRoot(),
      ReadModelModule.forRoot(options),
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
    async get(url, key, headers = {}) {
      const response = await app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${key}`, ...headers },
      });
      const json = /json/.test(String(response.headers['content-type']));
      return {
        status: response.statusCode,
        headers: response.headers,
        body: json ? (JSON.parse(response.body) as Record<string, unknown>) : {},
        text: response.body,
      };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
