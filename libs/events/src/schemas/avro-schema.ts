import { Type } from 'avsc';

/** The subset of Avro schema JSON this library writes (see https://avro.apache.org/docs/1.11.1/specification/). */
export type AvroTypeSchema =
  | string
  | readonly AvroTypeSchema[]
  | AvroRecordSchema
  | { readonly type: 'array'; readonly items: AvroTypeSchema }
  | { readonly type: 'map'; readonly values: AvroTypeSchema }
  | { readonly type: string; readonly logicalType: string };

export interface AvroField {
  readonly name: string;
  readonly type: AvroTypeSchema;
  readonly default?: unknown;
  readonly doc?: string;
}

export interface AvroRecordSchema {
  readonly type: 'record';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly fields: readonly AvroField[];
}

/**
 * How every schema of ours becomes an avsc type. `wrapUnions: 'never'` keeps union values as
 * plain JS values (3 stays a number, "3" a string) and makes avsc refuse, at schema construction,
 * any union whose branches JS values cannot tell apart (e.g. int and double). No logical types are
 * registered, so timestamp-millis longs stay epoch-millisecond numbers, as in the TS types.
 */
export function avroType(schema: AvroRecordSchema | object): Type {
  return Type.forSchema(schema as Parameters<typeof Type.forSchema>[0], {
    wrapUnions: 'never',
    omitRecordMethods: true,
  });
}

/** The full name (`namespace.name`) the record-name subject strategy uses as the subject. */
export function fullRecordName(schema: AvroRecordSchema): string {
  return schema.namespace ? `${schema.namespace}.${schema.name}` : schema.name;
}

export function nullable(type: AvroTypeSchema): readonly AvroTypeSchema[] {
  return ['null', type];
}

/** A field that may be null; new fields must have a default, and null is the natural one. */
export function nullableField(name: string, type: AvroTypeSchema, doc?: string): AvroField {
  return { name, type: nullable(type), default: null, ...(doc ? { doc } : {}) };
}

export const timestampMillis = { type: 'long', logicalType: 'timestamp-millis' } as const;
export const uuidString = { type: 'string', logicalType: 'uuid' } as const;
export const stringArray = { type: 'array', items: 'string' } as const;
