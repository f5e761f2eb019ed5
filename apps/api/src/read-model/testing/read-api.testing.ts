import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { resolve } from 'node:path';
import {
  migrateProjection,
  projectionMigrationDirs,
} from '../../../../projector/src/generations/projection-migrations';
import type { Scope } from '../../auth/scopes';
import { EVENTS_OPTIONS, resolveEventsOptions, type EventTopicNames } from '../../events';
import { FormQueriesModule } from '../../forms/queries/form-queries.module';
import { ResponseQueriesModule } from '../../responses/queries/response-queries.module';
import { startApi, type HttpReply } from '../../testing/api-replica.testing';
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

export interface ReadApiOptions {
  readonly readModel?: ReadModelOptions;
  /** Also serve the commands, publishing to these topics. Without: no Kafka, rows are seeded. */
  readonly commandTopics?: EventTopicNames;
}

export interface ReadApi {
  readonly app: NestFastifyApplication;
  readonly db: PrivateDatabase;
  readonly progress: ProjectionProgress;
  /** A fresh organisation and a key of it with `scopes`. */
  newOrganisation(scopes?: Scope[]): Promise<{ orgId: string; key: string }>;
  get(url: string, key: string, headers?: Record<string, string>): Promise<HttpReply>;
  send(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    key: string,
    body: unknown,
  ): Promise<HttpReply>;
  close(): Promise<void>;
}

/**
 * A private database with the API's tables and the projector's read model (its own migrations,
 * as the projector applies them), and the read endpoints over it.
 */
export async function startReadApi(options: ReadApiOptions = {}): Promise<ReadApi> {
  const db = await createPrivateDatabase();
  await migrateProjection(db.pool, projectionMigrationDirs(resolve('apps/projector/migrations')));
  const api = await startApi({
    ...(options.commandTopics ? { events: { topics: options.commandTopics }, responses: {} } : {}),
    database: db,
    name: 'collect-api-read-test',
    modules: [
      ...(options.commandTopics ? [] : [TestTopicsModule.forRoot()]),
      ReadModelModule.forRoot(options.readModel),
      FormQueriesModule,
      ResponseQueriesModule,
    ],
  });
  return {
    app: api.app,
    db,
    progress: api.app.get(ProjectionProgress),
    newOrganisation: (scopes = ['forms:read', 'responses:read']) => api.newOrganisation(scopes),
    get: (url, key, headers) => api.request('GET', url, key, undefined, headers),
    send: (method, url, key, body) => api.request(method, url, key, body),
    async close() {
      await api.close();
      await db.drop();
    },
  };
}
