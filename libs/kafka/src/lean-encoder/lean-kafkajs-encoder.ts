// kafkajs 2.2.4 (unmaintained since 2023) encodes every record and every header through a new
// Encoder, each starting with a zero-filled 512-byte buffer, and every varint through a temporary
// array and Buffer: allocation is most of the cost of encoding a produce request. This replaces
// those three allocation sites with pooled, unfilled buffers and direct byte writes. The bytes
// written are the same (lean-kafkajs-encoder.unit.spec.ts compares whole produce requests).
//
// It works by replacing the module kafkajs' protocol files require, so it must be loaded before
// kafkajs is: the submission thread (apps/api) imports it first.

import { createRequire } from 'node:module';

interface EncoderInstance {
  buf: Buffer;
  offset: number;
}

interface EncoderClass {
  new (initialSize?: number): EncoderInstance;
  prototype: EncoderInstance & {
    ensureAvailable(length: number): void;
    writeUVarInt(value: number): EncoderInstance;
  };
  nextPowerOfTwo(value: number): number;
}

// Node's own require, also in the webpack bundle (where kafkajs stays an external module).
const nodeRequire = createRequire(__filename);
const encoderPath = nodeRequire.resolve('kafkajs/src/protocol/encoder');
const Encoder = nodeRequire(encoderPath) as EncoderClass;

/** Same fields and prototype as kafkajs' Encoder (so `instanceof Encoder` holds), pooled buffer. */
function LeanEncoder(this: EncoderInstance, initialSize = 511): void {
  this.buf = Buffer.allocUnsafe(Encoder.nextPowerOfTwo(initialSize));
  this.offset = 0;
}
LeanEncoder.prototype = Encoder.prototype;
Object.setPrototypeOf(LeanEncoder, Encoder); // the static helpers (sizeOfVarInt, …)

const proto = Encoder.prototype;

proto.ensureAvailable = function ensureAvailable(this: EncoderInstance, length: number): void {
  if (this.offset + length <= this.buf.length) return;
  const grown = Buffer.allocUnsafe(Encoder.nextPowerOfTwo(this.offset + length));
  this.buf.copy(grown, 0, 0, this.offset);
  this.buf = grown;
};

proto.writeUVarInt = function writeUVarInt(this: EncoderInstance, value: number): EncoderInstance {
  proto.ensureAvailable.call(this, 5);
  let rest = value;
  while ((rest & 0xffffff80) !== 0) {
    this.buf[this.offset++] = (rest & 0x7f) | 0x80;
    rest >>>= 7;
  }
  this.buf[this.offset++] = rest & 0x7f;
  return this;
};

nodeRequire.cache[encoderPath]!.exports = LeanEncoder;

export const leanEncoderInstalled = true;
