import type { IntegrationEvent } from '@collect/integrations';
import { parseIntegrationEvent } from '@collect/integrations';
import { createKafka } from '@collect/kafka';
import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Consumer, Kafka } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { eventually } from '../../../../test/support/eventually';
import { uniqueName } from '../../../../test/support/names';
import { stackEnv } from '../../../../test/support/stack-env';
import type { Scope } from '../auth/scopes';
import { FormsService } from '../forms';
import { OrganisationsService } from '../organisations/organisations.service';
import {
  createPrivateDatabase,
  type PrivateDatabase,
} from '../read-model/testing/private-database.testing';
import { randomTopics, startApi, type HttpReply } from '../testing/api-replica.testing';
import { IntegrationsModule } from './integrations.module';

/** Test support: the API's integrations slice in-process, on random topics and a private database. Not a spec. */

export const PARTITIONS = 3;

export interface ConnectorTypeSeed {
  readonly schema?: Record<string, unknown>;
  readonly secretPaths?: readonly string[];
}

/** A config schema like a real connector's: a target, a secret token, nothing else. */
export const exampleSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    url: { type: 'string', format: 'uri' },
    authToken: { type: 'string', minLength: 8 },
    batchSize: { type: 'integer', minimum: 1, maximum: 500 },
  },
  required: ['url', 'authToken'],
  additionalProperties: false,
};

export interface IntegrationsApi {
  readonly app: NestFastifyApplication;
  readonly db: PrivateDatabase;
  readonly topics: {
    readonly forms: string;
    readonly responses: string;
    readonly integrations: string;
  };
  /** Integration events produced so far (read from the integrations topic). */
  readonly events: IntegrationEvent[];
  /** Raw values produced so far, for checks that no secret reached Kafka. */
  readonly rawEvents: string[];
  newOrganisation(scopes?: Scope[]): Promise<{ orgId: string; key: string }>;
  /** Another key of an organisation. */
  newKey(orgId: string, scopes: Scope[]): Promise<string>;
  newForm(orgId: string): Promise<string>;
  /** Registers a connector type as the runtime would; returns its (random) name. */
  registerType(seed?: ConnectorTypeSeed): Promise<string>;
  /** Appends `count` raw messages to one partition of the responses topic (timestamps optional). */
  produceResponses(partition: number, count: number, timestamp?: Date): Promise<void>;
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    key: string,
    body?: unknown,
  ): Promise<HttpReply>;
  /** Waits until an event of `type` for `integrationId` arrived, and returns it. */
  eventFor(
    integrationId: string,
    type: IntegrationEvent['type'],
    version?: number,
  ): Promise<IntegrationEvent>;
  /** Serves over TCP on 127.0.0.1 (for the CLI); returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface IntegrationsApiOptions {
  /** Another Kafka than the shared stack's (a private broker a test stops). */
  readonly kafkaBrokers?: readonly string[];
  /** How long Kafka may take before a 503. */
  readonly kafkaTimeoutMs?: number;
  /** Collects every log line of every level here (serialised), instead of printing errors. */
  readonly logs?: string[];
}

export async function startIntegrationsApi(
  options: IntegrationsApiOptions = {},
): Promise<IntegrationsApi> {
  const env = stackEnv();
  const brokers = [...(options.kafkaBrokers ?? env.kafkaBrokers)];
  const db = await createPrivateDatabase('collect_integrations');
  const topics = {
    ...randomTopics(),
    integrations: `${uniqueName('test')}.collect.integrations.v1`,
  };
  const api = await startApi({
    events: {
      partitions: PARTITIONS,
      topics,
      ...(options.kafkaTimeoutMs ? { publishTimeoutMs: options.kafkaTimeoutMs } : {}),
    },
    kafkaBrokers: brokers,
    database: db,
    name: 'collect-api-integrations-test',
    modules: [
      IntegrationsModule.forRoot({
        topic: topics.integrations,
        partitions: PARTITIONS,
        ...(options.kafkaTimeoutMs ? { kafkaTimeoutMs: options.kafkaTimeoutMs } : {}),
      }),
    ],
    logger: options.logs ? collectingLogger(options.logs) : undefined,
  });
  const { app } = api;

  const kafka = createKafka({
    brokers,
    clientId: 'integrations-test-client',
    schemaRegistryUrl: env.schemaRegistryUrl,
    logLevel: 'error',
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const events: IntegrationEvent[] = [];
  const rawEvents: string[] = [];
  const consumer = await consumeEvents(kafka, topics.integrations, events, rawEvents);
  const organisations = app.get(OrganisationsService);
  const forms = app.get(FormsService);

  return {
    app,
    db,
    topics,
    events,
    rawEvents,
    newOrganisation: (scopes = ['integrations:write']) => api.newOrganisation(scopes),
    async newKey(orgId, scopes) {
      return (await organisations.createKey(orgId, 'integrations test', scopes)).key;
    },
    async newForm(orgId) {
      return (await forms.create(orgId, { title: 'Budget', description: null })).formId;
    },
    registerType: (seed = {}) => registerType(db, seed),
    async produceResponses(partition, count, timestamp) {
      await producer.send({
        topic: topics.responses,
        acks: -1,
        messages: Array.from({ length: count }, (_, i) => ({
          partition,
          key: `k${i}`,
          value: 'not-an-event',
          ...(timestamp ? { timestamp: String(timestamp.getTime()) } : {}),
        })),
      });
    },
    request: (method, url, key, body) => api.request(method, url, key, body),
    async eventFor(integrationId, type, version) {
      let found: IntegrationEvent | undefined;
      await eventually(() => {
        found = events.find(
          (e) =>
            e.integrationId === integrationId &&
            e.type === type &&
            (version === undefined || e.version === version),
        );
        return found !== undefined;
      }, `${type} of ${integrationId} on ${topics.integrations}`);
      return found!;
    },
    async listen() {
      await app.listen(0, '127.0.0.1');
      const address = app.getHttpServer().address() as { port: number };
      return `http://127.0.0.1:${address.port}`;
    },
    async close() {
      await consumer.disconnect().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      await api.close();
      await db.drop();
    },
  };
}

function collectingLogger(lines: string[]): LoggerService {
  const collect =
    (level: string) =>
    (message: unknown, ...rest: unknown[]) => {
      lines.push(`${level} ${JSON.stringify([message, ...rest], errorFields)}`);
    };
  return {
    log: collect('log'),
    error: collect('error'),
    warn: collect('warn'),
    debug: collect('debug'),
    verbose: collect('verbose'),
    fatal: collect('fatal'),
  };
}

/** Errors serialise with their message, stack and cause (JSON.stringify would drop them). */
function errorFields(_key: string, value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  return { name: value.name, message: value.message, stack: value.stack, cause: value.cause };
}

async function registerType(db: PrivateDatabase, seed: ConnectorTypeSeed): Promise<string> {
  const type = `test-${randomBytes(4).toString('hex')}`;
  await db.pool.query(
    `INSERT INTO connector_types (type, config_schema, secret_paths, description, registered_at, updated_at)
     VALUES ($1, $2, $3, 'a test connector', now(), now())`,
    [type, JSON.stringify(seed.schema ?? exampleSchema), seed.secretPaths ?? ['/authToken']],
  );
  return type;
}

/** Reads the integrations topic from the start (it appears with the first event). */
async function consumeEvents(
  kafka: Kafka,
  topic: string,
  events: IntegrationEvent[],
  raw: string[],
): Promise<Consumer> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }] });
  await admin.disconnect();
  const consumer = kafka.consumer({
    groupId: uniqueName('integrations-test'),
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      raw.push(message.value?.toString('utf8') ?? '');
      events.push(parseIntegrationEvent(message.value));
      return Promise.resolve();
    },
  });
  return consumer;
}
