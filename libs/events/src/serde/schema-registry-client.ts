import type { COMPATIBILITY, SchemaType } from '@kafkajs/confluent-schema-registry';

/**
 * The part of `@kafkajs/confluent-schema-registry`'s `SchemaRegistry` the serde uses; pass the
 * app's instance (the library opens no connection of its own). `getSchema` caches by id.
 */
export interface SchemaRegistryClient {
  register(
    schema: { readonly type: SchemaType.AVRO; readonly schema: string },
    options: { subject: string; compatibility: COMPATIBILITY },
  ): Promise<{ id: number }>;
  getSchema(registryId: number): Promise<unknown>;
}
