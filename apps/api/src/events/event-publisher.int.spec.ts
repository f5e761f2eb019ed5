import { EventSerde, ensureTopics, readEventHeaders, type CollectEvent } from '@collect/events';
import { KafkaClients } from '@collect/kafka';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { context, trace } from '@opentelemetry/api';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { exampleEvents } from '../../../../libs/events/src/testing/example-events';
import { eventually } from '../../../../test/support/eventually';
import { uniqueName } from '../../../../test/support/names';
import { startPrivateKafka } from '../../../../test/support/private-kafka';
import { stackEnv } from '../../../../test/support/stack-env';
import { EventPublisher } from './event-publisher';
import { resolveEventsOptions } from './events-options';
import { EventsUnavailableError } from './events-unavailable.error';

const kafkaAt = (brokers: string[]): Kafka =>
  new Kafka({
    clientId: 'publisher-int',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
  });

/** The publisher's own clients: the same settings, quieter. */
const clientsAt = (brokers: string[]): KafkaClients =>
  new KafkaClients({
    brokers,
    clientId: 'publisher-int',
    schemaRegistryUrl: stackEnv().schemaRegistryUrl,
    logLevel: 'fatal',
    connectionTimeoutMs: 1_000,
  });

const registeredSerde = async (): Promise<EventSerde> => {
  const serde = new EventSerde(new SchemaRegistry({ host: stackEnv().schemaRegistryUrl }));
  await serde.registerAll();
  return serde;
};

const formEvent = (formId: string, version: number): CollectEvent => ({
  ...exampleEvents.FormDetailsChanged,
  eventId: randomUUID(),
  formId,
  aggregateVersion: version,
});

async function setUp(brokers: string[]) {
  const topics = {
    forms: `${uniqueName('test')}.forms`,
    responses: `${uniqueName('test')}.responses`,
  };
  const kafka = kafkaAt(brokers);
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, {
    topics: [topics.forms, topics.responses],
    partitions: 3,
    replicationFactor: 1,
  });
  await admin.disconnect();
  const options = resolveEventsOptions({
    topics,
    partitions: 3,
    publishTimeoutMs: 2_000,
    retryAfterSeconds: 7,
  });
  return {
    kafka,
    topics,
    publisher: new EventPublisher(clientsAt(brokers), await registeredSerde(), options),
  };
}

/** The aggregate versions of every event on the topic, read from the beginning to its end. */
async function versionsOn(kafka: Kafka, topic: string): Promise<number[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const total = offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
  const serde = new EventSerde(new SchemaRegistry({ host: stackEnv().schemaRegistryUrl }));
  const versions: number[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName('publisher-int') });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      versions.push((await serde.decode(message.value)).aggregateVersion);
    },
  });
  await eventually(() => versions.length === total, `all ${total} events on ${topic} to be read`);
  await consumer.disconnect();
  return versions;
}

describe('EventPublisher against the real stack', () => {
  it('resolves with the exact position of every event, which holds that event with its key and traceparent', async () => {
    const { kafka, topics, publisher } = await setUp(stackEnv().kafkaBrokers);
    const events = [
      formEvent('form-a', 2),
      formEvent('form-b', 2),
      formEvent('form-a', 3),
      { ...exampleEvents.ResponseSubmitted, eventId: randomUUID(), formId: 'form-a' },
    ];
    const span = trace.wrapSpanContext({
      traceId: 'a'.repeat(32),
      spanId: 'b'.repeat(16),
      traceFlags: 1,
    });
    const positions = await publisher.publish(events, trace.setSpan(context.active(), span));
    expect(positions.map((position) => position.topic)).toEqual([
      topics.forms,
      topics.forms,
      topics.forms,
      topics.responses,
    ]);
    expect(positions[0]!.partition).toBe(positions[2]!.partition);
    expect(BigInt(positions[2]!.offset)).toBeGreaterThan(BigInt(positions[0]!.offset));

    const serde = new EventSerde(new SchemaRegistry({ host: stackEnv().schemaRegistryUrl }));
    const consumer = kafka.consumer({ groupId: uniqueName('publisher-int') });
    const found = new Map<
      string,
      { event: CollectEvent; key: string; traceparent: string | undefined }
    >();
    await consumer.connect();
    await consumer.subscribe({ topics: [topics.forms, topics.responses], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        found.set(`${topic}/${partition}/${message.offset}`, {
          event: await serde.decode(message.value),
          key: String(message.key),
          traceparent: readEventHeaders(message.headers).traceparent,
        });
      },
    });
    await eventually(() => found.size === events.length, 'every published event to be consumed');
    await consumer.disconnect();
    positions.forEach((position, index) => {
      expect(found.get(`${position.topic}/${position.partition}/${position.offset}`)).toEqual({
        event: events[index],
        key: (events[index] as { formId: string }).formId,
        traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`,
      });
    });
    await publisher.onApplicationShutdown();
  });

  it('rejects within the publish timeout with a retriable EventsUnavailableError when Kafka is unreachable', async () => {
    const options = resolveEventsOptions({ publishTimeoutMs: 1_500, retryAfterSeconds: 4 });
    const publisher = new EventPublisher(
      clientsAt(['127.0.0.1:9']),
      await registeredSerde(),
      options,
    );
    const started = Date.now();
    const outcome = await publisher
      .publish([formEvent('form-x', 2)])
      .catch((error: unknown) => error);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(outcome).toBeInstanceOf(EventsUnavailableError);
    expect(outcome).toMatchObject({ status: 503, retriable: true, retryAfterSeconds: 4 });
    await publisher.onApplicationShutdown();
  });

  it('answers unavailable within the timeout while the broker is down, and publishes again by itself once it is back', async () => {
    const { kafka: broker, dispose } = await startPrivateKafka();
    try {
      const { kafka, topics, publisher } = await setUp([broker.bootstrapServers]);
      // A cold private broker may take longer than one publish timeout to elect leaders.
      await eventually(
        () =>
          publisher.publish([formEvent('form-1', 2)]).then(
            () => true,
            () => false,
          ),
        'a first publish to the private broker',
      );

      await broker.stop();
      const started = Date.now();
      await expect(publisher.publish([formEvent('form-1', 3)])).rejects.toBeInstanceOf(
        EventsUnavailableError,
      );
      expect(Date.now() - started).toBeLessThan(4_000);

      await broker.start();
      await eventually(
        () =>
          publisher.publish([formEvent('form-1', 4)]).then(
            () => true,
            () => false,
          ),
        'a publish to succeed after the broker restarted',
        60_000,
      );
      // The publish refused while the broker was down is never written later: kafkajs' background
      // retries died with the producer's connections.
      const stored = await versionsOn(kafka, topics.forms);
      expect(stored).toContain(2);
      expect(stored).toContain(4);
      expect(stored).not.toContain(3);
      await publisher.onApplicationShutdown();
    } finally {
      await dispose();
    }
  });
});
