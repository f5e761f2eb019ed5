import { COMPATIBILITY, SchemaType } from '@kafkajs/confluent-schema-registry';
import { Type } from 'avsc';
import type { CollectEvent } from '../collect-event';
import { collectEventContracts } from '../contracts/collect-contracts';
import { ContractCatalog, type CompiledContract } from '../contracts/contract-catalog';
import type { EventContract } from '../contracts/event-contract';
import { EventDecodeError, EventEncodeError, EventsError } from '../errors';
import { avroType } from '../schemas/avro-schema';
import { collectUpcasters } from '../upcasting/collect-upcasters';
import { planDecode, planDecodeUnknownWriter, type DecodePlan } from '../upcasting/decode-plan';
import { UpcasterRegistry, type Upcaster } from '../upcasting/upcaster';
import { fromRegistryError, fromWriterSchemaError } from './registry-errors';
import type { SchemaRegistryClient } from './schema-registry-client';
import { encodeFramed, unframe } from './wire-format';

export interface EventSerdeOptions {
  /** Defaults to every Collect event and its upcasters; tests pass their own. */
  readonly contracts?: readonly EventContract[];
  readonly upcasters?: readonly Upcaster[];
}

interface Decoder {
  readonly contract: CompiledContract;
  readonly plan: DecodePlan;
}

/**
 * Events ⇄ Confluent-framed Avro. `registerAll()` once at start registers the current schema of
 * every event type under its record name (compatibility BACKWARD) and keeps the ids, so `encode`
 * is synchronous and never calls the registry. `decode` fetches each writer schema once.
 *
 * Errors are `EventsError`s: `EventDecodeError` (never retriable: quarantine the value),
 * `EventEncodeError` (a producer bug), `SchemaRegistryError` (retriable when the registry is down).
 */
export class EventSerde<E extends { readonly type: string } = CollectEvent> {
  private readonly catalog: ContractCatalog;
  private readonly upcasters: UpcasterRegistry;
  private readonly schemaIds = new Map<string, number>();
  private readonly decoders = new Map<number, Promise<Decoder>>();

  constructor(
    private readonly registry: SchemaRegistryClient,
    options: EventSerdeOptions = {},
  ) {
    this.catalog = new ContractCatalog(options.contracts ?? collectEventContracts);
    this.upcasters = new UpcasterRegistry(
      options.upcasters ?? (options.contracts ? [] : collectUpcasters),
    );
  }

  /**
   * Registers every current schema (idempotent); resolves to event type → schema id. One subject
   * at a time, each retried a few times when the registry is briefly unreachable: a fresh
   * registry handles a burst of first registrations poorly, and start-up is not the hot path.
   */
  async registerAll(): Promise<ReadonlyMap<string, number>> {
    for (const contract of this.catalog.contracts) {
      this.adopt(contract, await this.registerWithRetry(contract));
    }
    return new Map(this.schemaIds);
  }

  /**
   * Takes the ids another EventSerde's `registerAll()` resolved, instead of registering: for a
   * thread that only encodes (ids cross the thread boundary; the registry client does not).
   */
  useSchemaIds(schemaIds: ReadonlyMap<string, number>): this {
    for (const [type, schemaId] of schemaIds) {
      const contract = this.catalog.byType(type);
      if (!contract) {
        throw new EventEncodeError('unknown_event_type', `"${type}" has no event contract`);
      }
      this.adopt(contract, schemaId);
    }
    return this;
  }

  /** Encodes `contract`'s events with `schemaId`, and decodes that id without asking the registry. */
  private adopt(contract: CompiledContract, schemaId: number): void {
    this.schemaIds.set(contract.type, schemaId);
    this.decoders.set(
      schemaId,
      Promise.resolve({ contract, plan: planDecode(contract, contract.current, this.upcasters) }),
    );
  }

  private async registerWithRetry(contract: CompiledContract): Promise<number> {
    const attempts = 3;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.register(contract);
      } catch (error) {
        const retriable = error instanceof EventsError && error.retriable;
        if (!retriable || attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
      }
    }
  }

  schemaIdOf(type: E['type']): number {
    const schemaId = this.schemaIds.get(type);
    if (schemaId === undefined) {
      const known = this.catalog.byType(type) !== undefined;
      throw new EventEncodeError(
        known ? 'not_registered' : 'unknown_event_type',
        known
          ? `no schema id for ${type}: call registerAll() once at startup, before encoding`
          : `"${type}" has no event contract`,
      );
    }
    return schemaId;
  }

  encode(event: E): Buffer {
    const schemaId = this.schemaIdOf(event.type);
    const { avroType: writer } = this.catalog.byType(event.type)!.current;
    try {
      return encodeFramed(schemaId, writer, event);
    } catch (error) {
      const paths: string[] = [];
      writer.isValid(event, { errorHook: (path) => paths.push(path.join('.') || '(root)') });
      throw new EventEncodeError(
        'invalid_event',
        `${event.type} does not match its schema at ${paths.join(', ') || 'an unknown path'}: fix the producer`,
        {
          cause: error,
        },
      );
    }
  }

  /** Throws only `EventsError`s; see the class comment for which to retry. */
  async decode(value: Buffer | null | undefined): Promise<E> {
    const { schemaId, payload } = unframe(value);
    const { contract, plan } = await this.decoderFor(schemaId);
    try {
      return { type: contract.type, ...plan(payload) } as unknown as E;
    } catch (error) {
      if (error instanceof EventsError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new EventDecodeError(
        'malformed_payload',
        `a ${contract.type} value (schema id ${schemaId}) does not decode: ${reason}`,
        {
          cause: error,
          schemaId,
        },
      );
    }
  }

  private async register(contract: CompiledContract): Promise<number> {
    try {
      const { id } = await this.registry.register(
        { type: SchemaType.AVRO, schema: JSON.stringify(contract.current.schema) },
        { subject: contract.recordName, compatibility: COMPATIBILITY.BACKWARD },
      );
      return id;
    } catch (error) {
      throw fromRegistryError(
        error,
        `registering ${contract.recordName} version ${contract.current.version}`,
      );
    }
  }

  private decoderFor(schemaId: number): Promise<Decoder> {
    let decoder = this.decoders.get(schemaId);
    if (!decoder) {
      decoder = this.buildDecoder(schemaId);
      this.decoders.set(schemaId, decoder);
      // A registry outage must not stick; an unknown or foreign schema id stays what it is.
      decoder.catch((error: unknown) => {
        if (!(error instanceof EventsError) || error.retriable) this.decoders.delete(schemaId);
      });
    }
    return decoder;
  }

  private async buildDecoder(schemaId: number): Promise<Decoder> {
    const registered = await this.registry.getSchema(schemaId).catch((error: unknown) => {
      throw fromWriterSchemaError(error, schemaId);
    });
    if (!Type.isType(registered, 'record')) {
      throw new EventDecodeError(
        'unknown_record_name',
        `schema id ${schemaId} is not an Avro record, so it is no event of ours`,
        { schemaId },
      );
    }
    // Rebuilt with our avsc options: the app's registry client may have been given others.
    const writer = avroType((registered as Type).schema() as object);
    const contract = this.catalog.byRecordName(writer.name ?? '');
    if (!contract) {
      throw new EventDecodeError(
        'unknown_record_name',
        `schema id ${schemaId} is ${writer.name}, which has no event contract here`,
        { schemaId },
      );
    }
    const version = this.catalog.versionOf(writer);
    try {
      const plan = version
        ? planDecode(contract, version, this.upcasters)
        : planDecodeUnknownWriter(contract, writer);
      return { contract, plan };
    } catch (error) {
      throw new EventDecodeError(
        'incompatible_writer_schema',
        `schema id ${schemaId} (${contract.recordName}) is none of our versions and does not resolve into version ${contract.current.version}: upgrade this reader`,
        { cause: error, schemaId },
      );
    }
  }
}
