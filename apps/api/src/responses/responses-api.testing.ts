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
import { EventsModule, FormsView, type EventsModuleOptions } from '../events';
import { FormsModule } from '../forms/forms.module';
import { configureHttp } from '../http';
import { OrganisationsModule } from '../organisations/organisations.module';
import { OrganisationsService } from '../organisations/organisations.service';
import { ResponsesModule } from './responses.module';
import type { ResponsesModuleOptions } from './responses-options';

/** Test support: the API's forms and responses slices in-process, on random topics. Not a spec. */

@Module({})
class ResponsesTestModule {
  static forRoot(
    events: EventsModuleOptions,
    responses: ResponsesModuleOptions,
    kafkaBrokers?: readonly string[],
  ): DynamicModule {
    const env = stackEnv();
    return {
      module: ResponsesTestModule,
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
          maxConnections: 10,
          migrations: { directory: resolve('apps/api/migrations'), table: 'api_schema_migrations' },
        }),
        AuthModule.forRoot({
          adminKey: new Secret(randomBytes(32).toString('hex')),
          keyCacheTtlMs: 30_000,
          rateLimit: { perSecond: 10_000, burst: 10_000 },
        }),
        OrganisationsModule,
        EventsModule.forRoot({ partitions: 3, ...events }),
        FormsModule,
        ResponsesModule.forRoot(responses),
      ],
    };
  }
}

export interface HttpReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, unknown>;
}

export interface ResponsesApi {
  readonly app: NestFastifyApplication;
  readonly view: FormsView;
  /** A fresh organisation and an API key of it with `scopes`. */
  newOrganisation(scopes?: Scope[]): Promise<{ orgId: string; key: string }>;
  request(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    key: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpReply>;
  /** Creates a form with `questions` (and `rules`), publishes it, returns its id. */
  publishedForm(
    key: string,
    questions: readonly unknown[],
    rules?: readonly unknown[],
  ): Promise<string>;
  close(): Promise<void>;
}

/** Boots one API replica (its own producers, forms view and pool) and waits until its view is ready. */
export async function startResponsesApi(
  events: EventsModuleOptions,
  responses: ResponsesModuleOptions = {},
  kafkaBrokers?: readonly string[],
): Promise<ResponsesApi> {
  const moduleRef = await Test.createTestingModule({
    imports: [ResponsesTestModule.forRoot(events, responses, kafkaBrokers)],
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
  const api: ResponsesApi = {
    app,
    view,
    async newOrganisation(scopes: Scope[] = ['forms:write', 'responses:write']) {
      const { orgId } = await organisations.create(uniqueName('org'));
      const { key } = await organisations.createKey(orgId, 'responses test', scopes);
      return { orgId, key };
    },
    async request(method, url, key, body, headers = {}) {
      const response = await app.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
      return {
        status: response.statusCode,
        body: response.body ? (JSON.parse(response.body) as Record<string, unknown>) : {},
        headers: response.headers,
      };
    },
    async publishedForm(key, questions, rules = []) {
      const created = await api.request('POST', '/v1/forms', key, { title: 'Survey' });
      if (created.status !== 201) throw new Error(`create form: ${JSON.stringify(created)}`);
      const formId = created.body.formId as string;
      let version = created.body.version as number;
      const steps: [string, unknown][] = [
        ...questions.map((question): [string, unknown] => [
          `/v1/forms/${formId}/questions`,
          { question },
        ]),
        ...(rules.length > 0
          ? [[`/v1/forms/${formId}/rules`, { rules }] as [string, unknown]]
          : []),
        [`/v1/forms/${formId}/publish`, {}],
      ];
      for (const [url, body] of steps) {
        const method = url.endsWith('/rules') ? 'PUT' : 'POST';
        const reply = await api.request(method, url, key, {
          expectedVersion: version,
          ...(body as object),
        });
        if (reply.status !== 200) throw new Error(`${url}: ${JSON.stringify(reply)}`);
        version = reply.body.version as number;
      }
      return formId;
    },
    close: () => app.close(),
  };
  return api;
}
