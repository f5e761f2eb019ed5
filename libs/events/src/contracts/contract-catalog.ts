import type { Type } from 'avsc';
import { avroType, fullRecordName, type AvroRecordSchema } from '../schemas/avro-schema';
import type { EventContract } from './event-contract';

export interface CompiledVersion {
  readonly version: number;
  readonly schema: AvroRecordSchema;
  readonly avroType: Type;
}

export interface CompiledContract {
  readonly type: string;
  readonly topic: string;
  /** The record's full name: registry subject and wire identity of the event type. */
  readonly recordName: string;
  /** Ascending; `versions[i].version === i + 1`. */
  readonly versions: readonly CompiledVersion[];
  readonly current: CompiledVersion;
}

/** Event contracts with their avsc types built once, indexed the ways encoding and decoding look them up. */
export class ContractCatalog {
  private readonly byTypeIndex = new Map<string, CompiledContract>();
  private readonly byRecordNameIndex = new Map<string, CompiledContract>();
  /** Parsing canonical form (what decides the binary encoding) → version, per record name. */
  private readonly versionsByCanonicalForm = new Map<string, CompiledVersion>();

  constructor(contracts: readonly EventContract[]) {
    for (const contract of contracts) this.add(compile(contract));
  }

  get contracts(): readonly CompiledContract[] {
    return [...this.byTypeIndex.values()];
  }

  byType(type: string): CompiledContract | undefined {
    return this.byTypeIndex.get(type);
  }

  byRecordName(recordName: string): CompiledContract | undefined {
    return this.byRecordNameIndex.get(recordName);
  }

  /** Which of our versions a writer schema is; undefined when it is none of them (e.g. a newer producer's). */
  versionOf(writer: Type): CompiledVersion | undefined {
    return this.versionsByCanonicalForm.get(canonicalForm(writer));
  }

  private add(contract: CompiledContract): void {
    if (this.byTypeIndex.has(contract.type) || this.byRecordNameIndex.has(contract.recordName)) {
      throw new Error(
        `event contracts: "${contract.type}" (${contract.recordName}) is defined twice`,
      );
    }
    this.byTypeIndex.set(contract.type, contract);
    this.byRecordNameIndex.set(contract.recordName, contract);
    // Versions differing only in defaults or docs encode identically; the later one wins.
    for (const version of contract.versions)
      this.versionsByCanonicalForm.set(canonicalForm(version.avroType), version);
  }
}

export function canonicalForm(type: Type): string {
  return JSON.stringify(type.schema());
}

function compile(contract: EventContract): CompiledContract {
  const { type, topic, versions } = contract;
  if (versions.length === 0) throw new Error(`event contract "${type}" has no schema version`);
  const recordName = fullRecordName(versions[0]!.schema);
  const compiled = versions.map((entry, index): CompiledVersion => {
    if (entry.version !== index + 1) {
      throw new Error(
        `event contract "${type}": versions must be 1, 2, 3 … in order, found ${entry.version} at position ${index + 1}`,
      );
    }
    if (fullRecordName(entry.schema) !== recordName) {
      throw new Error(
        `event contract "${type}": version ${entry.version} is named ${fullRecordName(entry.schema)}, but every version must keep the name ${recordName}`,
      );
    }
    return { version: entry.version, schema: entry.schema, avroType: avroType(entry.schema) };
  });
  return { type, topic, recordName, versions: compiled, current: compiled[compiled.length - 1]! };
}
