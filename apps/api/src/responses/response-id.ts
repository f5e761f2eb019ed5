import { randomFillSync } from 'node:crypto';

const hex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

// Random bytes drawn from the CSPRNG in batches, as Node's randomUUID does: one call per 256 ids.
const randomBytesPerId = 10;
const pool = Buffer.alloc(256 * randomBytesPerId);
let poolOffset = pool.length;

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, the version nibble 7, 12 random
 * bits, the variant bits 10, 62 random bits. Time-ordered, so response ids sort by arrival and
 * index well; unguessable enough for ids (74 random bits). Written straight from the bytes: an
 * id is made for every submission.
 */
export function uuidV7(now: number = Date.now()): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const r = poolOffset;
  poolOffset += randomBytesPerId;
  const high = Math.floor(now / 0x10000); // the first 32 of the 48 time bits
  const low = now % 0x10000;
  return (
    hex[high >>> 24]! +
    hex[(high >>> 16) & 0xff]! +
    hex[(high >>> 8) & 0xff]! +
    hex[high & 0xff]! +
    '-' +
    hex[low >>> 8]! +
    hex[low & 0xff]! +
    '-' +
    hex[0x70 | (pool[r]! & 0x0f)]! +
    hex[pool[r + 1]!]! +
    '-' +
    hex[0x80 | (pool[r + 2]! & 0x3f)]! +
    hex[pool[r + 3]!]! +
    '-' +
    hex[pool[r + 4]!]! +
    hex[pool[r + 5]!]! +
    hex[pool[r + 6]!]! +
    hex[pool[r + 7]!]! +
    hex[pool[r + 8]!]! +
    hex[pool[r + 9]!]!
  );
}
