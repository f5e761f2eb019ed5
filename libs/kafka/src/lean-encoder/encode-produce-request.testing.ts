// Runs in a worker thread for lean-kafkajs-encoder.unit.spec.ts: encodes fixed produce requests
// with kafkajs' own Encoder, or with the lean one when workerData.lean is set, and posts the bytes.
import { parentPort, workerData } from 'node:worker_threads';

interface Input {
  readonly lean: boolean;
  readonly batches: readonly unknown[];
}

const { lean, batches } = workerData as Input;
/* eslint-disable @typescript-eslint/no-require-imports -- the order of loading is the point here */
if (lean) require('./lean-kafkajs-encoder');
// kafkajs' internal request encoder, loaded after the swap (or without it).
const produceRequest = require('kafkajs/src/protocol/requests/produce/v3/request') as (
  request: unknown,
) => { encode(): Promise<{ buffer: Buffer }> };

/** workerData cloned every Buffer into a plain Uint8Array; kafkajs writes only Buffers as bytes. */
const buffers = (value: unknown): unknown => {
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (Array.isArray(value)) return value.map(buffers);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, buffers(v)]));
  }
  return value;
};

void Promise.all(batches.map((batch) => produceRequest(buffers(batch)).encode())).then((encoded) =>
  parentPort!.postMessage(encoded.map(({ buffer }) => buffer)),
);
