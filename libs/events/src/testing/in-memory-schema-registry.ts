import type { COMPATIBILITY, SchemaType } from '@kafkajs/confluent-schema-registry';
import { Type } from 'avsc';
import type { SchemaRegistryClient } from '../serde/schema-registry-client';

/**
 * A schema registry in memory for unit tests: ids per distinct schema, subjects with their
 * compatibility, and a switch to make it unreachable. Like the real client, `getSchema` returns an
 * avsc type, built here with `wrapUnions: true` to prove the serde does not depend on the app's avsc options.
 */
export class InMemorySchemaRegistry implements SchemaRegistryClient {
  readonly subjects = new Map<string, { compatibility: COMPATIBILITY; ids: number[] }>();
  readonly calls = { register: 0, getSchema: 0 };
  down = false;
  private readonly schemas: string[] = [];

  register(
    schema: { type: SchemaType.AVRO; schema: string },
    options: { subject: string; compatibility: COMPATIBILITY },
  ): Promise<{ id: number }> {
    this.calls.register += 1;
    if (this.down) return Promise.reject(unreachable());
    let index = this.schemas.indexOf(schema.schema);
    if (index === -1) index = this.schemas.push(schema.schema) - 1;
    const id = index + 1;
    const subject = this.subjects.get(options.subject) ?? {
      compatibility: options.compatibility,
      ids: [],
    };
    if (!subject.ids.includes(id)) subject.ids.push(id);
    this.subjects.set(options.subject, subject);
    return Promise.resolve({ id });
  }

  /** Registers a schema under a foreign subject, as another team's producer would. */
  registerForeign(schema: object): number {
    return this.schemas.push(JSON.stringify(schema));
  }

  getSchema(registryId: number): Promise<unknown> {
    this.calls.getSchema += 1;
    if (this.down) return Promise.reject(unreachable());
    const schema = this.schemas[registryId - 1];
    if (schema === undefined)
      return Promise.reject(
        Object.assign(new Error(`Schema ${registryId} not found.`), { status: 404 }),
      );
    return Promise.resolve(
      Type.forSchema(JSON.parse(schema) as Parameters<typeof Type.forSchema>[0], {
        wrapUnions: true,
      }),
    );
  }
}

function unreachable(): Error {
  return Object.assign(
    new Error(
      'Confluent_Schema_Registry - Error, status 400: connect ECONNREFUSED 127.0.0.1:28081',
    ),
    { status: 400 },
  );
}
