import { once } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { chunkedReadable } from './chunked-readable';

/** A source of `total` chunks of `size` bytes that counts how often it was asked. */
function source(total: number, size: number) {
  let served = 0;
  return {
    get served() {
      return served;
    },
    next: () => Promise.resolve(served < total ? `${served++}`.padEnd(size, '.') : null),
  };
}

async function drain(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
}

describe('chunkedReadable', () => {
  it('delivers every chunk in order and then ends', async () => {
    const chunks = ['a', 'b', '', 'c'];
    const stream = chunkedReadable(() => Promise.resolve(chunks.length ? chunks.shift()! : null));
    expect(await drain(stream)).toBe('abc');
  });

  it('asks for the next chunk only when the consumer has taken the previous ones', async () => {
    const chunkSize = 100 * 1024; // each chunk alone fills the stream's 64 KiB buffer
    const rows = source(1_000, chunkSize);
    const stream = chunkedReadable(rows.next);
    await once(stream, 'readable');
    for (let turn = 0; turn < 20; turn++) await nextTurn();
    expect(rows.served).toBeLessThanOrEqual(2); // nobody read: the source is not drained ahead
    stream.read();
    for (let turn = 0; turn < 20; turn++) await nextTurn();
    expect(rows.served).toBeLessThanOrEqual(3);
    stream.destroy();
  });

  it('fails the stream, not ends it, when a chunk cannot be read', async () => {
    let calls = 0;
    const stream = chunkedReadable(() =>
      ++calls === 1 ? Promise.resolve('first') : Promise.reject(new Error('postgres went away')),
    );
    await expect(drain(stream)).rejects.toThrow('postgres went away');
  });
});
