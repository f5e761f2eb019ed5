import { createSchemaRegistry } from '@collect/kafka';
import { SchemaType, COMPATIBILITY } from '@kafkajs/confluent-schema-registry';
import {
  Kafka,
  logLevel,
  type Admin,
  type Consumer,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import { Client } from 'pg';
import { eventually } from '../../test/support/eventually';
import { uniqueName } from '../../test/support/names';
import { postgresConnection, stackEnv } from '../../test/support/stack-env';

const env = stackEnv();
const kafka = new Kafka({
  clientId: 'stack-int-spec',
  brokers: env.kafkaBrokers,
  logLevel: logLevel.WARN,
});
const registry = createSchemaRegistry({ url: env.schemaRegistryUrl });

let admin: Admin;
let producer: Producer;
const consumers: Consumer[] = [];

beforeAll(async () => {
  admin = kafka.admin();
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await Promise.all([admin.connect(), producer.connect()]);
});

afterAll(async () => {
  await Promise.all(consumers.map((consumer) => consumer.disconnect()));
  await Promise.all([admin.disconnect(), producer.disconnect()]);
});

async function createTopic(partitions = 1): Promise<string> {
  const topic = uniqueName('stack-spec');
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: partitions }],
  });
  return topic;
}

/** Runs a consumer in `groupId` that commits each message it keeps, and only those. */
async function consume(
  topic: string,
  groupId: string,
  keep: (message: KafkaMessage) => boolean,
): Promise<{ consumer: Consumer; kept: KafkaMessage[] }> {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  consumers.push(consumer);
  const kept: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      if (!keep(message)) return;
      kept.push(message);
      await consumer.commitOffsets([
        { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
      ]);
    },
  });
  return { consumer, kept };
}

describe('the local stack (real Kafka, schema registry and Postgres)', () => {
  it('creates a topic with the requested partitions and settings', async () => {
    const topic = uniqueName('stack-spec');
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '-1' }] }],
    });

    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(3);
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2 /* TOPIC */, name: topic, configNames: ['retention.ms'] }],
    });
    expect(configs.resources[0]?.configEntries[0]?.configValue).toBe('-1');
  });

  it('round-trips an Avro record through the registry and a consumer group', async () => {
    const topic = await createTopic();
    const name = uniqueName('Probe').replace(/-/g, '_');
    const { id } = await registry.register(
      {
        type: SchemaType.AVRO,
        schema: JSON.stringify({
          type: 'record',
          name,
          namespace: 'dev.collect.test',
          fields: [
            { name: 'responseId', type: 'string' },
            { name: 'score', type: 'int' },
          ],
        }),
      },
      { subject: `dev.collect.test.${name}` },
    );
    const sent = { responseId: 'r-1', score: 7 };
    await producer.send({
      topic,
      acks: -1,
      messages: [{ key: 'form-1', value: await registry.encode(id, sent) }],
    });

    const { kept } = await consume(topic, uniqueName('group'), () => true);
    await eventually(() => kept.length === 1, 'the record to be consumed');

    const value = kept[0]?.value;
    expect(value?.readUInt8(0)).toBe(0); // Confluent wire format: magic byte, then the schema id
    expect(value?.readInt32BE(1)).toBe(id);
    expect(await registry.decode(value!)).toEqual(sent);
  });

  it('rejects a schema change that breaks BACKWARD compatibility', async () => {
    const name = uniqueName('Compat').replace(/-/g, '_');
    const subject = `dev.collect.test.${name}`;
    const v1 = {
      type: 'record',
      name,
      namespace: 'dev.collect.test',
      fields: [{ name: 'a', type: 'string' }],
    };
    await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(v1) },
      { subject, compatibility: COMPATIBILITY.BACKWARD },
    );

    const withDefault = { ...v1, fields: [...v1.fields, { name: 'b', type: 'int', default: 0 }] };
    await expect(
      registry.register(
        { type: SchemaType.AVRO, schema: JSON.stringify(withDefault) },
        { subject },
      ),
    ).resolves.toHaveProperty('id');

    const withoutDefault = { ...v1, fields: [...v1.fields, { name: 'c', type: 'int' }] };
    await expect(
      registry.register(
        { type: SchemaType.AVRO, schema: JSON.stringify(withoutDefault) },
        { subject },
      ),
    ).rejects.toThrow();
  });

  it('resumes a restarted consumer exactly after its last committed offset: no gap, no repeat', async () => {
    const topic = await createTopic();
    const groupId = uniqueName('group');
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: 10 }, (_, i) => ({ key: 'k', value: `m${i}` })),
    });

    const first = await consume(topic, groupId, (message) => Number(message.offset) < 5);
    await eventually(() => first.kept.length === 5, 'the first consumer to commit five messages');
    await first.consumer.disconnect();

    const second = await consume(topic, groupId, () => true);
    await eventually(() => second.kept.length >= 5, 'the restarted consumer to read the rest');
    expect(second.kept.map((message) => message.value?.toString())).toEqual([
      'm5',
      'm6',
      'm7',
      'm8',
      'm9',
    ]);
  });

  it('finds offsets by timestamp, the basis of replay', async () => {
    const topic = await createTopic();
    const base = Date.now() - 60_000;
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: 6 }, (_, i) => ({
        value: `m${i}`,
        timestamp: String(base + i * 1_000),
      })),
    });

    const [atThird] = await admin.fetchTopicOffsetsByTimestamp(topic, base + 2_000);
    expect(atThird).toEqual({ partition: 0, offset: '2' });
    const [betweenFourthAndFifth] = await admin.fetchTopicOffsetsByTimestamp(topic, base + 3_500);
    expect(betweenFourthAndFifth?.offset).toBe('4');
  });

  it('round-trips rows through Postgres', async () => {
    const client = new Client(postgresConnection(env));
    await client.connect();
    const schema = uniqueName('spec').replace(/-/g, '_');
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(`CREATE TABLE ${schema}.probe (id int PRIMARY KEY, answer text NOT NULL)`);
      await client.query(`INSERT INTO ${schema}.probe VALUES ($1, $2), ($3, $4)`, [
        1,
        'yes',
        2,
        'no',
      ]);
      const { rows } = await client.query<{ id: number; answer: string }>(
        `SELECT id, answer FROM ${schema}.probe ORDER BY id`,
      );
      expect(rows).toEqual([
        { id: 1, answer: 'yes' },
        { id: 2, answer: 'no' },
      ]);
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  });
});
