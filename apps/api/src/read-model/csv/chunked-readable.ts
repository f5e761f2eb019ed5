import { Readable } from 'node:stream';

/** Gives the next piece of the body, or null when there is no more. */
export type NextChunk = () => Promise<string | null>;

/**
 * A byte stream pulled one chunk at a time: `next` runs only when the consumer (the socket) has
 * taken what was pushed before, so at most one chunk is in memory beyond the socket's buffers,
 * however long the body. A failing `next` destroys the stream, and the HTTP response is aborted
 * rather than ended: a truncated export never looks complete.
 */
export function chunkedReadable(next: NextChunk, highWaterMark = 64 * 1024): Readable {
  let fetching = false;
  const pull = (): void => {
    fetching = true;
    next().then(
      (chunk) => {
        fetching = false;
        if (stream.destroyed) return;
        // An empty push would not ask for more: fetch again instead.
        if (chunk === '') pull();
        else stream.push(chunk === null ? null : Buffer.from(chunk, 'utf8'));
      },
      (error: unknown) => {
        fetching = false;
        stream.destroy(error instanceof Error ? error : new Error(String(error)));
      },
    );
  };
  const stream = new Readable({
    highWaterMark,
    read() {
      if (!fetching) pull();
    },
  });
  return stream;
}
