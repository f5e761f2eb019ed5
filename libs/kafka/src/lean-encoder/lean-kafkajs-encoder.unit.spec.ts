import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** Produce requests covering what the encoder's replaced parts touch: sizes, varint widths, growth. */
function produceRequests(): unknown[] {
  const bytes = (length: number, seed: number) =>
    Buffer.from(Array.from({ length }, (_, i) => (i * 31 + seed) % 256));
  const messages = (count: number, valueLength: (i: number) => number) =>
    Array.from({ length: count }, (_, i) => ({
      key: i % 5 === 0 ? null : `form-${i}`,
      value: i % 7 === 0 ? null : bytes(valueLength(i), i),
      timestamp: 1_700_000_000_000 + i * 1_001,
      headers:
        i % 3 === 0
          ? {}
          : { 'event-type': 'ResponseSubmitted', 'event-id': `id-${i}`, raw: bytes(i % 200, 7) },
    }));
  const request = (partitions: { partition: number; messages: ReturnType<typeof messages> }[]) => ({
    acks: -1,
    timeout: 5_000,
    compression: 0,
    producerId: 4242,
    producerEpoch: 3,
    topicData: [
      {
        topic: 'collect.responses.v1',
        partitions: partitions.map((p) => ({ ...p, firstSequence: 17 })),
      },
    ],
  });
  return [
    request([{ partition: 0, messages: messages(1, () => 10) }]),
    // Values across varint boundaries (127/128, 16383/16384 bytes) and beyond the first buffer.
    request([
      {
        partition: 3,
        messages: messages(12, (i) => [0, 1, 127, 128, 500, 16_383, 16_384, 70_000][i % 8]!),
      },
    ]),
    // Offset deltas past one varint byte, two partitions.
    request([
      { partition: 1, messages: messages(300, (i) => 400 + (i % 90)) },
      { partition: 11, messages: messages(40, () => 480) },
    ]),
  ];
}

function encodeIn(lean: boolean, batches: unknown[]): Promise<Buffer[]> {
  const worker = new Worker(join(__dirname, 'encode-produce-request.testing.ts'), {
    workerData: { lean, batches },
    execArgv: ['-r', require.resolve('@swc-node/register')],
  });
  return new Promise<Buffer[]>((resolve, reject) => {
    worker.once('message', (encoded: Uint8Array[]) => resolve(encoded.map((b) => Buffer.from(b))));
    worker.once('error', reject);
  }).finally(() => worker.terminate());
}

describe('lean kafkajs encoder', () => {
  it('encodes produce requests byte for byte as kafkajs does', async () => {
    const batches = produceRequests();
    const [original, lean] = await Promise.all([encodeIn(false, batches), encodeIn(true, batches)]);
    expect(lean).toHaveLength(batches.length);
    lean.forEach((bytes, i) => {
      expect(bytes.length).toBeGreaterThan(100);
      expect(bytes.equals(original[i]!)).toBe(true);
    });
  }, 30_000);
});
