import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { TimeoutMiddleware } from 'mappersmith/middleware/timeout';

export interface SchemaRegistryOptions {
  readonly url: string;
  readonly clientId?: string;
  /** Per request; without one a request the registry never answers would hang its caller forever. */
  readonly requestTimeoutMs?: number;
  readonly retries?: number;
}

/** The one way Collect builds a registry client: every request has a deadline and a few retries. */
export function createSchemaRegistry(options: SchemaRegistryOptions): SchemaRegistry {
  return new SchemaRegistry({
    host: options.url,
    ...(options.clientId ? { clientId: options.clientId } : {}),
    retry: { retries: options.retries ?? 2 },
    middlewares: [TimeoutMiddleware(options.requestTimeoutMs ?? 10_000)],
  });
}
