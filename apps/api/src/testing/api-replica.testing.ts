import { DatabaseModule } from '@collect/database';
import { KafkaModule } from '@collect/kafka';
import { HealthModule, Secret } from '@collect/platform';
import { Module, type DynamicModule, type LoggerService, type Type } from '@nestjs/common';
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
import { FormsModule } from '../forms/forms.module';
import { FormsService } from '../forms/forms.service';
import { configureHttp } from '../http';
import { API_MIGRATIONS_TABLE } from '../migrations-table';
import { OrganisationsModule } from '../organisations/organisations.module';
import { OrganisationsService } from '../organisations/organisations.service';
import { ResponsesModule } from '../responses/responses.module';
import type { ResponsesModuleOptions } from '../responses/responses-options';

/**
 * Test support: the API in-process, on random topics: one replica (forms, and responses if
 * asked), or the core any slice builds on (`startApi`). Not a spec.
 */

export const randomTopics = (): { forms: string; responses: string } => {
  const prefix = uniqueName('test');
  return { forms: `${prefix}.collect.forms.v1`, responses: `${prefix}.collect.responses.v1` };
};

export interface ApiOptions {
  /**
   * Serve the write side (Kafka, form commands, a forms view) on these topics (see randomTopics)
   * and Kafka timeouts; 3 partitions unless set. Without: no Kafka at all.
   */
  readonly events?: EventsModuleOptions;
  /** With `events`: also serve response submission, with these options. */
  readonly responses?: ResponsesModuleOptions;
  /** Another Kafka than the shared stack's (a private broker a test stops). */
  readonly kafkaBrokers?: readonly string[];
  /** A database of the test's own (see createPrivateDatabase) instead of the stack's; the test drops it. */
  readonly database?: { readonly url: string; readonly password: string };
  /** Kafka client id and Postgres application_name, to tell harnesses apart; `collect-api-test` unless set. */
  readonly name?: string;
  /** More slices to serve (integrations, the read model). */
  readonly modules?: readonly (DynamicModule | Type)[];
  /** Where the app logs; errors only, to the console, unless set. */
  readonly logger?: LoggerService;
}

export interface ApiReplicaOptions extends ApiOptions {
  readonly events: EventsModuleOptions;
}

export interface HttpReply {
  readonly status: number;
  /** The JSON body; `{}` when the reply is not JSON (see `text`). */
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, unknown>;
  readonly text: string;
}

export interface Api {
  readonly app: NestFastifyApplication;
  /** A fresh organisation and an API key of it with `scopes`. */
  newOrganisation(scopes: Scope[]): Promise<{ orgId: string; key: string }>;
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    key: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpReply>;
  close(): Promise<void>;
}

export interface ApiReplica extends Api {
  readonly forms: FormsService;
  readonly view: FormsView;
  readonly publisher: EventPublisher;
  /** As Api's, with `scopes` by default: write to every slice served. */
  newOrganisation(scopes?: Scope[]): Promise<{ orgId: string; key: string }>;
  /** Creates a form with `questions` (and `rules`) over HTTP, publishes it, returns its id. */
  publishedForm(
    key: string,
    questions: readonly unknown[],
    rules?: readonly unknown[],
  ): Promise<string>;
}

@Module({})
class ApiModule {
  static forRoot(options: ApiOptions): DynamicModule {
    const env = stackEnv();
    const name = options.name ?? 'collect-api-test';
    const database = options.database ?? { url: env.databaseUrl, password: env.databasePassword };
    const writeSide = options.events
      ? [
          KafkaModule.forRoot({
            brokers: options.kafkaBrokers ?? env.kafkaBrokers,
            clientId: name,
            schemaRegistryUrl: env.schemaRegistryUrl,
            logLevel: 'error',
          }),
          EventsModule.forRoot({ partitions: 3, ...options.events }),
          FormsModule,
          ...(options.responses ? [ResponsesModule.forRoot(options.responses)] : []),
        ]
      : [];
    return {
      module: ApiModule,
      imports: [
        HealthModule,
        DatabaseModule.forRoot({
          connectionString: database.url,
          password: new Secret(database.password),
          applicationName: name,
          // Room for the concurrent submissions of the responses specs (the default is 5).
          maxConnections: 10,
          migrations: { directory: resolve('apps/api/migrations'), table: API_MIGRATIONS_TABLE },
        }),
        AuthModule.forRoot({
          adminKey: new Secret(randomBytes(32).toString('hex')),
          keyCacheTtlMs: 30_000,
          rateLimit: { perSecond: 10_000, burst: 10_000 },
        }),
        OrganisationsModule,
        ...writeSide,
        ...(options.modules ?? []),
      ],
    };
  }
}

/** Boots the API in-process (its own pool, and producers and forms view if `events`); waits until its view is ready. */
export async function startApi(options: ApiOptions): Promise<Api> {
  const moduleRef = await Test.createTestingModule({
    imports: [ApiModule.forRoot(options)],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: options.logger ?? ['error'],
  });
  configureHttp(app, { bodyLimitBytes: 1024 * 1024, jsonMaxDepth: 32, openApi: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  if (options.events) {
    const view = app.get(FormsView);
    await eventually(() => view.health.ready, 'the forms view to finish its initial catch-up');
  }
  const organisations = app.get(OrganisationsService);
  return {
    app,
    async newOrganisation(scopes) {
      const { orgId } = await organisations.create(uniqueName('org'));
      const { key } = await organisations.createKey(orgId, 'api test', scopes);
      return { orgId, key };
    },
    request: (method, url, key, body, headers = {}) => inject(app, method, url, key, body, headers),
    close: () => app.close(),
  };
}

/** Boots one API replica (its own producers, forms view and pool) and waits until its view is ready. */
export async function startApiReplica(options: ApiReplicaOptions): Promise<ApiReplica> {
  const api = await startApi(options);
  const defaultScopes: Scope[] = options.responses
    ? ['forms:write', 'responses:write']
    : ['forms:write'];
  const replica: ApiReplica = {
    ...api,
    forms: api.app.get(FormsService),
    view: api.app.get(FormsView),
    publisher: api.app.get(EventPublisher),
    newOrganisation: (scopes = defaultScopes) => api.newOrganisation(scopes),
    publishedForm: (key, questions, rules = []) => publishForm(replica, key, questions, rules),
  };
  return replica;
}

async function inject(
  app: NestFastifyApplication,
  method: Parameters<Api['request']>[0],
  url: string,
  key: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<HttpReply> {
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
  const json = /json/.test(String(response.headers['content-type'])) && response.body !== '';
  return {
    status: response.statusCode,
    body: json ? (JSON.parse(response.body) as Record<string, unknown>) : {},
    headers: response.headers,
    text: response.body,
  };
}

async function publishForm(
  api: ApiReplica,
  key: string,
  questions: readonly unknown[],
  rules: readonly unknown[],
): Promise<string> {
  const created = await api.request('POST', '/v1/forms', key, { title: 'Survey' });
  if (created.status !== 201) throw new Error(`create form: ${JSON.stringify(created)}`);
  const formId = created.body.formId as string;
  let version = created.body.version as number;
  const steps: ['POST' | 'PUT', string, object][] = [
    ...questions.map((question): ['POST', string, object] => [
      'POST',
      `/v1/forms/${formId}/questions`,
      { question },
    ]),
    ...(rules.length > 0
      ? [['PUT', `/v1/forms/${formId}/rules`, { rules }] as ['PUT', string, object]]
      : []),
    ['POST', `/v1/forms/${formId}/publish`, {}],
  ];
  for (const [method, url, body] of steps) {
    const reply = await api.request(method, url, key, { expectedVersion: version, ...body });
    if (reply.status !== 200) throw new Error(`${url}: ${JSON.stringify(reply)}`);
    version = reply.body.version as number;
  }
  return formId;
}
