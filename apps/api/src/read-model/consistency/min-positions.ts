import type { EventPosition } from '../../events';

/** How many positions one read may wait for. */
export const MAX_POSITIONS = 32;
const MAX_OFFSET = 2n ** 63n - 1n;
const POSITION = /^([A-Za-z0-9._-]{1,249}):(\d{1,10}):(\d{1,19})$/;

/**
 * Parses `topic:partition:offset[,topic:partition:offset…]` (what a command's `events[].position`
 * says) into positions, or answers what is wrong with it.
 */
export function parseMinPositions(
  text: string,
): { readonly positions: EventPosition[] } | { readonly problem: string } {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length > MAX_POSITIONS) {
    return { problem: `at most ${MAX_POSITIONS} positions, comma-separated` };
  }
  const positions: EventPosition[] = [];
  for (const part of parts) {
    const match = POSITION.exec(part);
    const partition = match ? Number(match[2]) : NaN;
    const offset = match ? BigInt(match[3]!) : -1n;
    if (!match || partition > 2 ** 31 - 1 || offset > MAX_OFFSET) {
      return {
        problem: `"${part.slice(0, 300)}" is not topic:partition:offset, e.g. collect.forms.v1:7:1042`,
      };
    }
    positions.push({ topic: match[1]!, partition, offset: offset.toString() });
  }
  return { positions };
}

/** An event is projected once its partition's `next_offset` has passed it. */
export function isProjected(position: EventPosition, nextOffset: string | undefined): boolean {
  return nextOffset !== undefined && BigInt(nextOffset) > BigInt(position.offset);
}

export const positionKey = (topic: string, partition: number): string =>
  `${topic}\u0000${partition}`;
