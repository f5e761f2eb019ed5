import type { Type } from 'avsc';
import type { CompiledContract, CompiledVersion } from '../contracts/contract-catalog';
import { EventDecodeError } from '../errors';
import type { EventRecord, Upcaster, UpcasterRegistry } from './upcaster';

/** Bytes written with one writer schema → a record in the shape of the contract's current version. */
export type DecodePlan = (payload: Buffer) => EventRecord;

/**
 * Plans, once per writer schema, how its bytes become a current record: Avro resolution takes the
 * bytes straight to the version just before the first upcaster (or to the current version when no
 * upcaster applies); from there each step runs its upcaster, or Avro resolution when it has none.
 * Throws when the schemas cannot be resolved (the caller turns that into a decode error).
 */
export function planDecode(
  contract: CompiledContract,
  writer: CompiledVersion,
  upcasters: UpcasterRegistry,
): DecodePlan {
  const { versions, current } = contract;
  const steps = versions
    .slice(writer.version - 1, -1)
    .map((from) => ({ from, upcaster: upcasters.get(contract.type, from.version) }));
  const firstUpcast = steps.findIndex((step) => step.upcaster !== undefined);
  if (firstUpcast === -1) return resolvingDecoder(writer.avroType, current.avroType);

  const decodeToLanding = resolvingDecoder(writer.avroType, steps[firstUpcast]!.from.avroType);
  const remaining = steps.slice(firstUpcast).map(({ from, upcaster }) => {
    if (upcaster) return guarded(upcaster);
    const resolve = resolvingDecoder(from.avroType, versions[from.version]!.avroType);
    return (record: EventRecord) => resolve(from.avroType.toBuffer(record));
  });
  return (payload) =>
    asCurrent(
      contract,
      writer.version,
      remaining.reduce((record, step) => step(record), decodeToLanding(payload)),
    );
}

/** An unknown writer (say a newer producer's schema) can only be read by resolving it into the current version. */
export function planDecodeUnknownWriter(contract: CompiledContract, writer: Type): DecodePlan {
  return resolvingDecoder(writer, contract.current.avroType);
}

function resolvingDecoder(writer: Type, reader: Type): DecodePlan {
  if (writer === reader) return (payload) => reader.fromBuffer(payload) as EventRecord;
  const resolver = reader.createResolver(writer);
  return (payload) => reader.fromBuffer(payload, resolver) as EventRecord;
}

function guarded({ type, fromVersion, upcast }: Upcaster): (record: EventRecord) => EventRecord {
  return (record) => {
    try {
      return upcast(record);
    } catch (error) {
      throw new EventDecodeError(
        'upcast_failed',
        `the upcaster of ${type} from version ${fromVersion} threw: fix it in libs/events`,
        {
          cause: error,
        },
      );
    }
  };
}

/**
 * Re-encodes an upcast record with the current schema: fills defaulted fields an upcaster left out
 * (avsc's isValid would accept them missing) and rejects anything the schema does not allow.
 */
function asCurrent(
  contract: CompiledContract,
  fromVersion: number,
  record: EventRecord,
): EventRecord {
  const current = contract.current.avroType;
  try {
    return current.fromBuffer(current.toBuffer(record)) as EventRecord;
  } catch (error) {
    const paths: string[] = [];
    current.isValid(record, { errorHook: (path) => paths.push(path.join('.') || '(root)') });
    throw new EventDecodeError(
      'upcast_failed',
      `upcasting ${contract.type} from version ${fromVersion} to ${contract.current.version} gave invalid fields (${paths.join(', ') || 'unknown'}): fix its upcasters in libs/events`,
      { cause: error },
    );
  }
}
