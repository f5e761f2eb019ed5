import { createSchemaRegistry } from '@collect/kafka';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { stackEnv } from '../../../../test/support/stack-env';
import { allExampleEvents, exampleEvents } from '../testing/example-events';
import { EventSerde } from './event-serde';
import { frame } from './wire-format';

// The real subjects (dev.collect.events.*) are fixed names: registering the same schemas again is
// idempotent, so this test shares them safely with every other run.
describe('EventSerde against the real schema registry', () => {
  const registry = (): SchemaRegistry =>
    createSchemaRegistry({ url: stackEnv().schemaRegistryUrl });

  it('registers every schema idempotently: the same ids on every start', async () => {
    const first = await new EventSerde(registry()).registerAll();
    const second = await new EventSerde(registry()).registerAll();
    expect(second).toEqual(first);
  });

  it('round-trips every event type exactly, through a reader that fetches the writer schema from the registry', async () => {
    const writer = new EventSerde(registry());
    await writer.registerAll();
    const reader = new EventSerde(registry());

    for (const event of allExampleEvents) {
      expect(await reader.decode(writer.encode(event))).toEqual(event);
    }
  });

  it('keeps answer values typed as written (3 is a number, "3" a string)', async () => {
    const serde = new EventSerde(registry());
    await serde.registerAll();
    const decoded = await new EventSerde(registry()).decode(
      serde.encode(exampleEvents.ResponseSubmitted),
    );
    expect(
      decoded.type === 'ResponseSubmitted' && decoded.answers.map((answer) => answer.value),
    ).toStrictEqual(['ada@example.org', 3, '3', ['red', 'blue'], true, 4.5]);
  });

  it('turns a schema id the registry does not know into a non-retriable decode error', async () => {
    const reader = new EventSerde(registry());
    await expect(reader.decode(frame(2_000_000_000, Buffer.from([2])))).rejects.toMatchObject({
      code: 'unknown_schema_id',
      retriable: false,
    });
  });

  it('reports an unreachable registry as retriable', async () => {
    const unreachable = new SchemaRegistry({
      host: 'http://127.0.0.1:9/apis/ccompat/v7',
      retry: { retries: 0 },
    });
    await expect(new EventSerde(unreachable).registerAll()).rejects.toMatchObject({
      code: 'registry_unavailable',
      retriable: true,
    });
  });
});
