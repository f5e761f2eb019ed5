import { fromRegistryError } from './registry-errors';
import { COMPATIBILITY } from '@kafkajs/confluent-schema-registry';
import type { CollectEvent } from '../collect-event';
import { collectEventContracts } from '../contracts/collect-contracts';
import { EventDecodeError, EventEncodeError, SchemaRegistryError } from '../errors';
import { allExampleEvents, exampleEvents } from '../testing/example-events';
import { InMemorySchemaRegistry } from '../testing/in-memory-schema-registry';
import { EventSerde } from './event-serde';
import { frame } from './wire-format';

async function startedSerde(registry = new InMemorySchemaRegistry()): Promise<EventSerde> {
  const serde = new EventSerde(registry);
  await serde.registerAll();
  return serde;
}

function captured(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

async function decodeError(serde: EventSerde, value: Buffer | null): Promise<unknown> {
  return serde.decode(value).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('EventSerde', () => {
  it('registers every event type under its full record name with BACKWARD compatibility', async () => {
    const registry = new InMemorySchemaRegistry();
    const ids = await new EventSerde(registry).registerAll();

    expect([...registry.subjects.keys()].sort()).toEqual(
      collectEventContracts.map((contract) => `dev.collect.events.${contract.type}`).sort(),
    );
    expect(
      [...registry.subjects.values()].every(
        (subject) => subject.compatibility === COMPATIBILITY.BACKWARD,
      ),
    ).toBe(true);
    expect([...ids.keys()].sort()).toEqual(
      collectEventContracts.map((contract) => contract.type).sort(),
    );
  });

  it.each(allExampleEvents.map((event) => [event.type, event] as const))(
    'decodes an encoded %s into an equal event',
    async (_type, event) => {
      const serde = await startedSerde();
      expect(await serde.decode(serde.encode(event))).toEqual(event);
    },
  );

  it('never calls the registry per message after registerAll', async () => {
    const registry = new InMemorySchemaRegistry();
    const serde = await startedSerde(registry);
    const calls = { ...registry.calls };
    for (const event of allExampleEvents) await serde.decode(serde.encode(event));
    expect(registry.calls).toEqual(calls);
  });

  it('fetches a writer schema once however many values use it', async () => {
    const registry = new InMemorySchemaRegistry();
    const value = (await startedSerde(registry)).encode(exampleEvents.FormCreated);
    const reader = new EventSerde(registry);
    await Promise.all([reader.decode(value), reader.decode(value), reader.decode(value)]);
    expect(registry.calls.getSchema).toBe(1);
  });

  it('writes the Confluent wire format: magic byte 0 and the schema id', async () => {
    const registry = new InMemorySchemaRegistry();
    const serde = new EventSerde(registry);
    const ids = await serde.registerAll();
    const value = serde.encode(exampleEvents.FormClosed);
    expect(value[0]).toBe(0);
    expect(value.readInt32BE(1)).toBe(ids.get('FormClosed'));
  });

  it('refuses to encode before registerAll, saying what to do', () => {
    const serde = new EventSerde(new InMemorySchemaRegistry());
    const error = captured(() => serde.encode(exampleEvents.FormClosed));
    expect(error).toBeInstanceOf(EventEncodeError);
    expect(error).toMatchObject({ code: 'not_registered', retriable: false });
    expect((error as Error).message).toMatch(/call registerAll\(\) once at startup/);
  });

  it('refuses to encode an event that does not match its schema, naming the field', async () => {
    const serde = await startedSerde();
    const broken = { ...exampleEvents.FormCreated, title: undefined } as unknown as CollectEvent;
    expect(() => serde.encode(broken)).toThrow(EventEncodeError);
    expect(() => serde.encode(broken)).toThrow(/FormCreated does not match its schema at title/);
  });

  describe('turns values it can never decode into a non-retriable EventDecodeError', () => {
    it.each([
      ['a tombstone', null, 'not_confluent_wire_format'],
      ['JSON', Buffer.from('{"type":"FormCreated"}'), 'not_confluent_wire_format'],
      ['a value shorter than the header', Buffer.from([0, 0, 1]), 'not_confluent_wire_format'],
      ['an unknown schema id', frame(4242, Buffer.from([2])), 'unknown_schema_id'],
    ] as const)('%s', async (_title, value, code) => {
      const error = await decodeError(await startedSerde(), value);
      expect(error).toBeInstanceOf(EventDecodeError);
      expect(error).toMatchObject({ code, retriable: false });
    });

    it('a record that is not one of our events', async () => {
      const registry = new InMemorySchemaRegistry();
      const serde = await startedSerde(registry);
      const id = registry.registerForeign({
        type: 'record',
        name: 'Invoice',
        namespace: 'com.other',
        fields: [{ name: 'n', type: 'int' }],
      });
      expect(await decodeError(serde, frame(id, Buffer.from([2])))).toMatchObject({
        code: 'unknown_record_name',
        retriable: false,
      });
    });

    it('a schema that is not a record', async () => {
      const registry = new InMemorySchemaRegistry();
      const serde = await startedSerde(registry);
      const id = registry.registerForeign({ type: 'string' });
      expect(await decodeError(serde, frame(id, Buffer.from([2, 65])))).toMatchObject({
        code: 'unknown_record_name',
        retriable: false,
      });
    });

    it('truncated or padded bytes', async () => {
      const serde = await startedSerde();
      const value = serde.encode(exampleEvents.ResponseSubmitted);
      expect(await decodeError(serde, value.subarray(0, value.length - 10))).toMatchObject({
        code: 'malformed_payload',
        retriable: false,
      });
      expect(
        await decodeError(serde, Buffer.concat([value, Buffer.from([1, 2, 3])])),
      ).toMatchObject({ code: 'malformed_payload' });
    });
  });

  it('reports an unreachable registry as retriable, and retries the fetch on the next decode', async () => {
    const registry = new InMemorySchemaRegistry();
    const value = (await startedSerde(registry)).encode(exampleEvents.FormCreated);
    const reader = new EventSerde(registry);

    registry.down = true;
    const error = await decodeError(reader, value);
    expect(error).toBeInstanceOf(SchemaRegistryError);
    expect(error).toMatchObject({ code: 'registry_unavailable', retriable: true });

    registry.down = false;
    expect(await reader.decode(value)).toEqual(exampleEvents.FormCreated);
  });

  it('reports a registry that is down at start as retriable', async () => {
    const registry = new InMemorySchemaRegistry();
    registry.down = true;
    await expect(new EventSerde(registry).registerAll()).rejects.toMatchObject({
      code: 'registry_unavailable',
      retriable: true,
    });
  });

  it('retries a registration that lost the race with another replica registering the same subject', async () => {
    const registry = new InMemorySchemaRegistry();
    const register = registry.register.bind(registry);
    let raced = false;
    registry.register = (schema, options) => {
      if (raced) return register(schema, options);
      raced = true;
      return Promise.reject(
        Object.assign(new Error("collect - A rule named 'COMPATIBILITY' already exists."), {
          status: 409,
        }),
      );
    };
    const ids = await new EventSerde(registry).registerAll();
    expect(ids.size).toBeGreaterThan(0);
  });

  it('classifies a lost registration race as retriable, a refused schema as not', () => {
    const race = fromRegistryError(
      Object.assign(new Error("A rule named 'COMPATIBILITY' already exists."), { status: 409 }),
      'registering X',
    );
    const refused = fromRegistryError(
      Object.assign(new Error('Incompatible schema'), { status: 409 }),
      'registering X',
    );
    expect(race).toMatchObject({ code: 'concurrent_registration', retriable: true });
    expect(refused).toMatchObject({ code: 'schema_rejected', retriable: false });
  });
});
