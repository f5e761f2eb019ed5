import { ContractCatalog } from '../contracts/contract-catalog';
import { EventDecodeError } from '../errors';
import { avroType } from '../schemas/avro-schema';
import { EventSerde } from '../serde/event-serde';
import { InMemorySchemaRegistry } from '../testing/in-memory-schema-registry';
import {
  paymentNotedContract,
  paymentNotedVersions,
  type PaymentNotedV1,
  type PaymentNotedV2,
  type PaymentNotedV3,
} from '../testing/versioned-test-contract';
import { planDecode } from './decode-plan';
import { UpcasterRegistry, type EventRecord, type Upcaster } from './upcaster';

const namespace = 'test.upcasting';
const toMinor: Upcaster = {
  type: 'PaymentNoted',
  fromVersion: 2,
  upcast: ({ amount, ...rest }: EventRecord) => ({
    ...rest,
    amountMinor: Math.round((amount as number) * 100),
  }),
};
const written: PaymentNotedV1 = { type: 'PaymentNoted', eventId: 'e-1', amount: 12.34 };

async function writtenWith(
  registry: InMemorySchemaRegistry,
  version: 1 | 2,
  event: PaymentNotedV1 | PaymentNotedV2,
): Promise<Buffer> {
  const writer = new EventSerde<PaymentNotedV1 | PaymentNotedV2>(registry, {
    contracts: [paymentNotedContract(namespace, version)],
  });
  await writer.registerAll();
  return writer.encode(event);
}

describe('Avro schema resolution (no upcaster needed)', () => {
  it('reads bytes written with v1 as v2, filling the new field with its default', () => {
    const { v1, v2 } = paymentNotedVersions(namespace);
    const [writer, reader] = [avroType(v1), avroType(v2)];
    const bytes = writer.toBuffer({ eventId: 'e-1', amount: 12.34 });
    expect(reader.fromBuffer(bytes, reader.createResolver(writer))).toEqual({
      eventId: 'e-1',
      amount: 12.34,
      currency: 'EUR',
    });
  });

  it('plans a v1 → v2 decode as one resolution when no upcaster applies', () => {
    const contract = new ContractCatalog([paymentNotedContract(namespace, 2)]).byType(
      'PaymentNoted',
    )!;
    const decode = planDecode(contract, contract.versions[0]!, new UpcasterRegistry());
    expect(decode(contract.versions[0]!.avroType.toBuffer(written))).toEqual({
      eventId: 'e-1',
      amount: 12.34,
      currency: 'EUR',
    });
  });
});

describe('upcasting at decode time', () => {
  it('decodes v1 bytes into the v2 shape', async () => {
    const registry = new InMemorySchemaRegistry();
    const bytes = await writtenWith(registry, 1, written);
    const reader = new EventSerde<PaymentNotedV2>(registry, {
      contracts: [paymentNotedContract(namespace, 2)],
    });
    await reader.registerAll();
    expect(await reader.decode(bytes)).toEqual({ ...written, currency: 'EUR' });
  });

  it('brings v1 and v2 bytes to v3 through resolution, then the upcaster', async () => {
    const registry = new InMemorySchemaRegistry();
    const v1Bytes = await writtenWith(registry, 1, written);
    const v2Bytes = await writtenWith(registry, 2, { ...written, amount: 5, currency: 'CHF' });
    const reader = new EventSerde<PaymentNotedV3>(registry, {
      contracts: [paymentNotedContract(namespace, 3)],
      upcasters: [toMinor],
    });
    await reader.registerAll();

    const expected = (amountMinor: number, currency: string): PaymentNotedV3 => ({
      type: 'PaymentNoted',
      eventId: 'e-1',
      amountMinor,
      currency,
    });
    expect(await reader.decode(v1Bytes)).toEqual(expected(1234, 'EUR'));
    expect(await reader.decode(v2Bytes)).toEqual(expected(500, 'CHF'));
  });

  it('runs an upcaster after resolution steps and resolution steps after an upcaster', () => {
    const v1Upcaster: Upcaster = {
      type: 'PaymentNoted',
      fromVersion: 1,
      upcast: (record) => ({ ...record, amount: (record.amount as number) * 2 }),
    };
    const contract = new ContractCatalog([paymentNotedContract(namespace, 3)]).byType(
      'PaymentNoted',
    )!;
    const decode = planDecode(
      contract,
      contract.versions[0]!,
      new UpcasterRegistry([v1Upcaster, toMinor]),
    );
    expect(decode(contract.versions[0]!.avroType.toBuffer(written))).toEqual({
      eventId: 'e-1',
      amountMinor: 2468,
      currency: 'EUR',
    });
  });

  it('reads bytes of a newer, unknown version by resolving them into the current one', async () => {
    const registry = new InMemorySchemaRegistry();
    const v2Bytes = await writtenWith(registry, 2, { ...written, currency: 'CHF' });
    const oldReader = new EventSerde<PaymentNotedV1>(registry, {
      contracts: [paymentNotedContract(namespace, 1)],
    });
    expect(await oldReader.decode(v2Bytes)).toEqual(written);
  });

  it('reports a writer that neither is one of our versions nor resolves into the current one', async () => {
    const registry = new InMemorySchemaRegistry();
    const id = registry.registerForeign({
      type: 'record',
      name: 'PaymentNoted',
      namespace,
      fields: [{ name: 'amount', type: 'string' }],
    });
    const reader = new EventSerde<PaymentNotedV1>(registry, {
      contracts: [paymentNotedContract(namespace, 1)],
    });
    const bytes = Buffer.concat([
      Buffer.from([0, 0, 0, 0, id]),
      avroType({
        type: 'record',
        name: 'X',
        fields: [{ name: 'amount', type: 'string' }],
      }).toBuffer({ amount: 'x' }),
    ]);
    await expect(reader.decode(bytes)).rejects.toMatchObject({
      code: 'incompatible_writer_schema',
      retriable: false,
    });
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('boom');
      },
    ],
    [
      'returns a record the current schema rejects',
      (record: EventRecord) => ({ ...record, amountMinor: 'lots' }),
    ],
  ])('reports an upcaster that %s as upcast_failed', async (_title, upcast) => {
    const registry = new InMemorySchemaRegistry();
    const v2Bytes = await writtenWith(registry, 2, { ...written, currency: 'CHF' });
    const reader = new EventSerde<PaymentNotedV3>(registry, {
      contracts: [paymentNotedContract(namespace, 3)],
      upcasters: [{ type: 'PaymentNoted', fromVersion: 2, upcast }],
    });
    const error = await reader.decode(v2Bytes).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EventDecodeError);
    expect(error).toMatchObject({ code: 'upcast_failed', retriable: false });
  });
});

describe('UpcasterRegistry', () => {
  it('keys upcasters by event type and version', () => {
    const registry = new UpcasterRegistry([toMinor]);
    expect(registry.get('PaymentNoted', 2)).toBe(toMinor);
    expect(registry.get('PaymentNoted', 1)).toBeUndefined();
    expect(registry.get('FormCreated', 2)).toBeUndefined();
  });

  it('refuses two upcasters for the same step', () => {
    expect(() => new UpcasterRegistry([toMinor, { ...toMinor }])).toThrow(
      /two upcasters for PaymentNoted from version 2/,
    );
  });
});

describe('ContractCatalog', () => {
  it('refuses versions with gaps or a changed record name', () => {
    const { v1, v2 } = paymentNotedVersions(namespace);
    const contract = (versions: { version: number; schema: typeof v1 }[]) =>
      new ContractCatalog([{ type: 'PaymentNoted', topic: 't', versions }]);
    expect(() =>
      contract([
        { version: 1, schema: v1 },
        { version: 3, schema: v2 },
      ]),
    ).toThrow(/versions must be 1, 2, 3/);
    expect(() =>
      contract([
        { version: 1, schema: v1 },
        { version: 2, schema: { ...v2, name: 'Renamed' } },
      ]),
    ).toThrow(/must keep the name/);
  });
});
