import type { Type } from 'avsc';
import { EventDecodeError } from '../errors';

// Confluent wire format: magic byte 0, schema id as a 4-byte big-endian int, then the Avro binary.
const magicByte = 0;
const headerLength = 5;

function writeHeader(target: Buffer, schemaId: number): void {
  target.writeUInt8(magicByte, 0);
  target.writeInt32BE(schemaId, 1);
}

/** Frames an Avro payload encoded elsewhere (tests craft wire values with it); events use encodeFramed. */
export function frame(schemaId: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(headerLength);
  writeHeader(header, schemaId);
  return Buffer.concat([header, payload]);
}

/** Where values are written before their one exact-size copy; grows to the largest value seen. */
let scratch = Buffer.allocUnsafe(16 * 1024);

/**
 * `frame(schemaId, type.toBuffer(value))` with one allocation instead of three: avsc writes into a
 * reused scratch buffer behind the header, and only the framed result is copied out. Encoding is
 * synchronous, so one scratch buffer per thread is never shared by two calls. Throws what avsc
 * throws for a value that does not match the type.
 */
export function encodeFramed(schemaId: number, type: Type, value: unknown): Buffer {
  let end = type.encode(value, scratch, headerLength);
  if (end < 0) {
    // avsc answers "-missing bytes" when the value does not fit.
    scratch = Buffer.allocUnsafe(Math.max(scratch.length * 2, scratch.length - end));
    end = type.encode(value, scratch, headerLength);
  }
  writeHeader(scratch, schemaId);
  const framed = Buffer.allocUnsafe(end);
  scratch.copy(framed, 0, 0, end);
  return framed;
}

export function unframe(value: Buffer | null | undefined): { schemaId: number; payload: Buffer } {
  if (!value || value.length < headerLength || value[0] !== magicByte) {
    const got = !value
      ? 'no value (a tombstone?)'
      : `${value.length} bytes starting ${value.subarray(0, headerLength).toString('hex')}`;
    throw new EventDecodeError(
      'not_confluent_wire_format',
      `expected magic byte 0 and a 4-byte schema id, got ${got}`,
    );
  }
  return { schemaId: value.readInt32BE(1), payload: value.subarray(headerLength) };
}
