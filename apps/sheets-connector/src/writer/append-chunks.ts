import type { CellValue } from '../sheets/sheets-client';

/** Google recommends request bodies of at most 2 MB; stay well under it. */
export const MAX_APPEND_BYTES = 1_500_000;

/**
 * Splits rows into consecutive chunks, each one append request: at most `maxBytes` of JSON
 * (measured as sent) and at most `maxRows` rows. A row alone over the bound is a chunk of its own
 * (cells are already truncated to the cell limit, so it still fits Google's request limit).
 */
export function appendChunks<T extends { readonly row: readonly CellValue[] }>(
  items: readonly T[],
  maxBytes = MAX_APPEND_BYTES,
  maxRows = 1_000,
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item.row)) + 1;
    if (current.length > 0 && (bytes + size > maxBytes || current.length >= maxRows)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
