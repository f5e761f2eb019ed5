import type { AvroRecordSchema } from '../schemas/avro-schema';

export interface EventSchemaVersion {
  /** 1, 2, 3 … without gaps; the last one is what producers write. */
  readonly version: number;
  readonly schema: AvroRecordSchema;
}

/**
 * What the library knows about one event type: the topic it goes to and every schema version it
 * was ever written with. The record's full name (the same in every version) is the registry
 * subject and identifies the event type on the wire; `type` itself is not a field.
 */
export interface EventContract<Type extends string = string> {
  readonly type: Type;
  readonly topic: string;
  readonly versions: readonly EventSchemaVersion[];
}
