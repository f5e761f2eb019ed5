import { EventSerde, type ResponseSubmitted } from '@collect/events';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Kafka, logLevel } from 'kafkajs';
import { eventually } from '../../../../test/support/eventually';
import { uniqueName } from '../../../../test/support/names';
import { startPrivateKafka } from '../../../../test/support/private-kafka';
import { stackEnv } from '../../../../test/support/stack-env';
import type { KafkaInstance } from '../../../../tools/stack/src/kafka';
import {
  randomTopics,
  startApiReplica,
  type ApiReplica,
  type HttpReply,
} from '../testing/api-replica.testing';

const body = (email: string) => ({ answers: [{ questionId: 'email', value: email }] });

describe('response submission while Kafka is down (private broker)', () => {
  const topics = randomTopics();
  let broker: { kafka: KafkaInstance; dispose: () => Promise<void> };
  let api: ApiReplica;
  let brokers: string[];

  beforeAll(async () => {
    broker = await startPrivateKafka();
    brokers = [broker.kafka.bootstrapServers];
    api = await startApiReplica({
      events: { topics, publishTimeoutMs: 2_000, retryAfterSeconds: 2 },
      responses: {},
      kafkaBrokers: brokers,
    });
  });

  afterAll(async () => {
    await api?.close();
    await broker?.dispose();
  });

  it('answers 503 with Retry-After and stores nothing while the broker is stopped, then accepts again by itself', async () => {
    const { key } = await api.newOrganisation();
    const formId = await api.publishedForm(key, [
      { questionId: 'email', type: 'email', title: 'Email', required: true, constraints: {} },
    ]);
    const url = `/v1/forms/${formId}/responses`;
    const before = await api.request('POST', url, key, body('before@example.org'));
    expect(before.status).toBe(202);

    await broker.kafka.stop();
    const idempotencyKey = uniqueName('key');
    const down = await api.request('POST', url, key, body('down@example.org'), {
      'idempotency-key': idempotencyKey,
    });
    expect(down).toMatchObject({ status: 503, body: { code: 'events-unavailable' } });
    expect(Number(down.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const batch = await api.request('POST', `${url}/batch`, key, {
      items: [body('batch@example.org')],
    });
    expect(batch).toMatchObject({ status: 200, body: { items: [{ index: 0, status: 503 }] } });
    const unkeyed = await api.request('POST', url, key, body('unkeyed@example.org'));
    expect(unkeyed.status).toBe(503);

    await broker.kafka.start();
    let retried: HttpReply | undefined;
    await eventually(
      async () => {
        retried = await api.request('POST', url, key, body('down@example.org'), {
          'idempotency-key': idempotencyKey,
        });
        return retried.status === 202;
      },
      'the API to accept again after the broker restarted',
      60_000,
    );
    const after = await api.request('POST', url, key, body('after@example.org'));
    expect(after.status).toBe(202);

    // Exactly the acknowledged responses are on the topic: none of the 503s slipped through.
    const kafka = new Kafka({ clientId: 'kafka-down-reader', brokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: uniqueName('kafka-down-reader') });
    const serde = new EventSerde(new SchemaRegistry({ host: stackEnv().schemaRegistryUrl }));
    const emails: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: topics.responses, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const event = (await serde.decode(message.value)) as ResponseSubmitted;
          emails.push(String(event.answers[0]?.value));
        },
      });
      await eventually(
        () => emails.includes('after@example.org'),
        'the last response on the topic',
        60_000,
      );
    } finally {
      await consumer.disconnect();
    }
    expect(emails.filter((email) => email === 'down@example.org')).toHaveLength(1);
    expect(emails).not.toContain('batch@example.org');
    expect(emails).not.toContain('unkeyed@example.org');
    expect(retried?.body.responseId).toBeDefined();
  });
});
