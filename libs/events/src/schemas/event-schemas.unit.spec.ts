import type { Type } from 'avsc';
import { collectEventContracts } from '../contracts/collect-contracts';
import type { AnswerValue } from '../form-definition';
import { allExampleEvents, exampleEvents } from '../testing/example-events';
import { avroType, type AvroField } from './avro-schema';
import { answerRecord } from './definition-records';

function currentType(type: string): Type {
  const contract = collectEventContracts.find((candidate) => candidate.type === type)!;
  return avroType(contract.versions[contract.versions.length - 1]!.schema);
}

describe('event schemas', () => {
  it('has one example per event type, so every schema below is exercised', () => {
    expect(allExampleEvents.map((event) => event.type).sort()).toEqual(
      collectEventContracts.map((contract) => contract.type).sort(),
    );
  });

  it.each(allExampleEvents.map((event) => [event.type, event] as const))(
    '%s round-trips through its Avro schema unchanged',
    (type, event) => {
      const avro = currentType(type);
      const { type: _type, ...record } = event;
      const decoded = avro.fromBuffer(avro.toBuffer(event)) as object;
      expect(decoded).toEqual(record);
      expect(JSON.parse(JSON.stringify(decoded))).toStrictEqual(JSON.parse(JSON.stringify(record)));
    },
  );

  it('names every record dev.collect.events.<type> and keeps the type out of the fields', () => {
    for (const contract of collectEventContracts) {
      const schema = contract.versions[0]!.schema;
      expect(`${schema.namespace}.${schema.name}`).toBe(`dev.collect.events.${contract.type}`);
      expect(schema.fields.map((field) => field.name)).not.toContain('type');
    }
  });

  it('gives every nullable field a null default, so records written before it existed still resolve', () => {
    const withoutDefault = collectEventContracts.flatMap((contract) =>
      nullableFieldsWithoutNullDefault(contract.versions[0]!.schema),
    );
    expect(withoutDefault).toEqual([]);
  });

  it('keeps occurredAt and submittedAt as epoch-millisecond numbers', () => {
    const avro = currentType('ResponseSubmitted');
    const decoded = avro.fromBuffer(avro.toBuffer(exampleEvents.ResponseSubmitted)) as {
      occurredAt: unknown;
      submittedAt: unknown;
    };
    expect(decoded.occurredAt).toBe(1_735_689_700_000);
    expect(decoded.submittedAt).toBe(1_735_689_650_123);
  });

  it('rejects an event whose fields do not match, naming the field', () => {
    const avro = currentType('FormCreated');
    const paths: string[] = [];
    avro.isValid(
      { ...exampleEvents.FormCreated, title: 42 },
      { errorHook: (path) => paths.push(path.join('.')) },
    );
    expect(paths).toEqual(['title']);
  });
});

describe('answer value union', () => {
  const answer = avroType({ ...answerRecord(), namespace: 'dev.collect.events' });
  const roundTrip = (value: AnswerValue): unknown =>
    (answer.fromBuffer(answer.toBuffer({ questionId: 'q', value })) as { value: unknown }).value;

  it.each<[string, AnswerValue]>([
    ['the number 3 stays a number', 3],
    ['the string "3" stays a string', '3'],
    ['a decimal stays exact', 4.25],
    ['zero stays a number', 0],
    ['a negative number stays a number', -17],
    ['a large whole number stays exact', Number.MAX_SAFE_INTEGER],
    ['an empty string stays a string', ''],
    ['true stays a boolean', true],
    ['false stays a boolean', false],
    ['an array of strings stays an array', ['red', 'blue']],
    ['an empty array stays an array', []],
    ['an array of numeric strings stays strings', ['1', '2']],
  ])('%s', (_title, value) => {
    expect(roundTrip(value)).toStrictEqual(value);
  });

  it('refuses values outside the union rather than coercing them', () => {
    expect(() => answer.toBuffer({ questionId: 'q', value: [1, 2] })).toThrow();
    expect(() => answer.toBuffer({ questionId: 'q', value: null })).toThrow();
    expect(() => answer.toBuffer({ questionId: 'q', value: { a: 1 } })).toThrow();
  });

  it('refuses, when the schema is built, a union whose branches JS values cannot tell apart', () => {
    expect(() =>
      avroType({
        type: 'record',
        name: 'Ambiguous',
        fields: [{ name: 'v', type: ['int', 'double'] }],
      }),
    ).toThrow(/ambiguous/);
  });
});

function nullableFieldsWithoutNullDefault(schema: unknown): string[] {
  if (Array.isArray(schema)) return schema.flatMap(nullableFieldsWithoutNullDefault);
  if (!schema || typeof schema !== 'object') return [];
  const { fields, items, values } = schema as {
    fields?: AvroField[];
    items?: unknown;
    values?: unknown;
  };
  const own = (fields ?? []).filter(
    (field) => Array.isArray(field.type) && field.type[0] === 'null' && field.default !== null,
  );
  const nested = [...(fields ?? []).map((field) => field.type), items, values].flatMap(
    nullableFieldsWithoutNullDefault,
  );
  return [...own.map((field) => field.name), ...nested];
}
