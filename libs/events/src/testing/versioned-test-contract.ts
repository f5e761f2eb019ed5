import type { EventContract } from '../contracts/event-contract';
import type { AvroRecordSchema } from '../schemas/avro-schema';

/**
 * Three versions of a made-up `PaymentNoted` event under a caller-chosen namespace (int tests pass a
 * random one): v2 adds a defaulted field (resolves by itself), v3 changes a field's meaning (needs an upcaster).
 */
export function paymentNotedVersions(namespace: string): {
  v1: AvroRecordSchema;
  v2: AvroRecordSchema;
  v3: AvroRecordSchema;
} {
  const base = { type: 'record', name: 'PaymentNoted', namespace } as const;
  const v1: AvroRecordSchema = {
    ...base,
    fields: [
      { name: 'eventId', type: 'string' },
      { name: 'amount', type: 'double', doc: 'in euros' },
    ],
  };
  const v2: AvroRecordSchema = {
    ...base,
    fields: [...v1.fields, { name: 'currency', type: 'string', default: 'EUR' }],
  };
  const v3: AvroRecordSchema = {
    ...base,
    fields: [
      { name: 'eventId', type: 'string' },
      { name: 'amountMinor', type: 'long', default: 0, doc: 'in cents' },
      { name: 'currency', type: 'string', default: 'EUR' },
    ],
  };
  return { v1, v2, v3 };
}

export function paymentNotedContract(
  namespace: string,
  upTo: 1 | 2 | 3,
): EventContract<'PaymentNoted'> {
  const { v1, v2, v3 } = paymentNotedVersions(namespace);
  const versions = [
    { version: 1, schema: v1 },
    { version: 2, schema: v2 },
    { version: 3, schema: v3 },
  ].slice(0, upTo);
  return { type: 'PaymentNoted', topic: 'test.payments', versions };
}

export interface PaymentNotedV1 {
  readonly type: 'PaymentNoted';
  readonly eventId: string;
  readonly amount: number;
}
export type PaymentNotedV2 = PaymentNotedV1 & { readonly currency: string };
export interface PaymentNotedV3 {
  readonly type: 'PaymentNoted';
  readonly eventId: string;
  readonly amountMinor: number;
  readonly currency: string;
}
