import { createSchemaRegistry } from '@collect/kafka';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Kafka, logLevel } from 'kafkajs';
import { eventually } from '../../../../test/support/eventually';
import { uniqueName } from '../../../../test/support/names';
import { stackEnv } from '../../../../test/support/stack-env';
import { EventSerde } from '../serde/event-serde';
import { ensureTopics } from '../topics/ensure-topics';
import {
  paymentNotedContract,
  paymentNotedVersions,
  type PaymentNotedV1,
  type PaymentNotedV2,
  type PaymentNotedV3,
} from '../testing/versioned-test-contract';
import type { Upcaster } from './upcaster';

const toMinor: Upcaster = {
  type: 'PaymentNoted',
  fromVersion: 2,
  upcast: ({ amount, ...rest }) => ({ ...rest, amountMinor: Math.round((amount as number) * 100) }),
};

describe('upcasting against the real schema registry', () => {
  const env = stackEnv();
  const registry = (): SchemaRegistry => createSchemaRegistry({ url: env.schemaRegistryUrl });
  // A random namespace per run: its own subject, so runs never collide.
  const namespace = `test.${uniqueName('upcast').replace(/-/g, '_')}`;
  const written: PaymentNotedV1 = { type: 'PaymentNoted', eventId: 'e-1', amount: 12.34 };

  it('decodes a value produced with v1 into the v2 shape after v2 is registered', async () => {
    const kafka = new Kafka({
      clientId: 'events-int',
      brokers: env.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    });
    const topic = uniqueName('test.events.upcast');
    const admin = kafka.admin();
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: uniqueName('test.events.upcast') });
    try {
      await Promise.all([admin.connect(), producer.connect(), consumer.connect()]);
      await ensureTopics(admin, { topics: [topic], partitions: 1, replicationFactor: 1 });

      const v1 = new EventSerde<PaymentNotedV1>(registry(), {
        contracts: [paymentNotedContract(namespace, 1)],
      });
      await v1.registerAll();
      await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: v1.encode(written) }] });

      const v2 = new EventSerde<PaymentNotedV2>(registry(), {
        contracts: [paymentNotedContract(namespace, 2)],
      });
      const ids = await v2.registerAll();
      expect(ids.get('PaymentNoted')).not.toBe(v1.schemaIdOf('PaymentNoted'));

      const decoded: PaymentNotedV2[] = [];
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => void decoded.push(await v2.decode(message.value)),
      });
      await eventually(() => decoded.length === 1, 'the v1 value to be consumed');
      expect(decoded).toEqual([{ ...written, currency: 'EUR' }]);
    } finally {
      await Promise.allSettled([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
    }
  });

  it('brings v1 and v2 values to v3 with the registered upcaster, through a reader with an empty cache', async () => {
    const v1 = new EventSerde<PaymentNotedV1>(registry(), {
      contracts: [paymentNotedContract(namespace, 1)],
    });
    await v1.registerAll();
    const v2 = new EventSerde<PaymentNotedV2>(registry(), {
      contracts: [paymentNotedContract(namespace, 2)],
    });
    await v2.registerAll();
    const [v1Value, v2Value] = [
      v1.encode(written),
      v2.encode({ ...written, amount: 5, currency: 'CHF' }),
    ];

    const v3 = new EventSerde<PaymentNotedV3>(registry(), {
      contracts: [paymentNotedContract(namespace, 3)],
      upcasters: [toMinor],
    });
    await v3.registerAll();
    const reader = new EventSerde<PaymentNotedV3>(registry(), {
      contracts: [paymentNotedContract(namespace, 3)],
      upcasters: [toMinor],
    });

    expect(await reader.decode(v1Value)).toEqual({
      type: 'PaymentNoted',
      eventId: 'e-1',
      amountMinor: 1234,
      currency: 'EUR',
    });
    expect(await reader.decode(v2Value)).toEqual({
      type: 'PaymentNoted',
      eventId: 'e-1',
      amountMinor: 500,
      currency: 'CHF',
    });
  });

  it('is refused by the registry when a new version is not BACKWARD compatible', async () => {
    const { v1 } = paymentNotedVersions(namespace);
    const breaking = { ...v1, fields: [...v1.fields, { name: 'payer', type: 'string' }] };
    const serde = new EventSerde(registry(), {
      contracts: [
        { type: 'PaymentNoted', topic: 't', versions: [{ version: 1, schema: breaking }] },
      ],
    });
    await expect(serde.registerAll()).rejects.toMatchObject({
      code: 'schema_rejected',
      retriable: false,
    });
  });
});
