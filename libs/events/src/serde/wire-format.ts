import { EventDecodeError } from '../errors';

// Confluent wire format: magic byte 0, schema id as a 4-byte big-endian int, then the Avro binary.
const magicByte = 0;
const headerLength = 5;

export function frame(schemaId: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(headerLength);
  header.writeUInt8(magicByte, 0);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, payload]);
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
