import type { DecodedMessage } from './positioned-message';
import type { Resolution } from './resolution';

export interface Settlement {
  readonly delivered: readonly DecodedMessage[];
  readonly failed: ReadonlyArray<{ readonly message: DecodedMessage; readonly reason: string }>;
  /** Claims to release: known not delivered, tried again later. */
  readonly released: readonly DecodedMessage[];
  /** Where the integration's cursor moves: the first response not settled, else the range end. */
  readonly nextCursor: bigint;
  /** Nothing of the range is left for a later round. */
  readonly complete: boolean;
  /** Responses left for a later round (retry later, rate limited, unconfirmed). */
  readonly waiting: number;
  /** The longest wait the target asked for, when it asked. */
  readonly retryAfterMs: number | undefined;
  /**
   * The round stopped short only because the runtime's own rate limits had no token left (the
   * target was not refused): the integration waits for the next token, it is not failing.
   */
  readonly throttled: boolean;
  /** The first reason the round stopped short, for status and logs. */
  readonly lastError: string | undefined;
  /** When the oldest response still waiting was published. */
  readonly oldestWaiting: Date | undefined;
}

/**
 * Pure: turns one integration's resolutions (by offset) into ledger changes and its next
 * cursor. The cursor moves up to the first response that is neither delivered nor failed, so a
 * later round resumes exactly there (in order); it never moves backwards.
 */
export function settle(
  cursor: bigint,
  rangeEnd: bigint,
  messages: readonly DecodedMessage[],
  resolutions: ReadonlyMap<bigint, Resolution>,
): Settlement {
  const delivered: DecodedMessage[] = [];
  const failed: Array<{ message: DecodedMessage; reason: string }> = [];
  const released: DecodedMessage[] = [];
  let stopAt: bigint | undefined;
  let retryAfterMs: number | undefined;
  let lastError: string | undefined;
  let oldestWaiting: Date | undefined;
  let throttled = false;
  let waiting = 0;
  for (const message of messages) {
    const offset = message.position.offset;
    const resolution = resolutions.get(offset) ?? {
      kind: 'unconfirmed',
      reason: 'no outcome recorded',
    };
    switch (resolution.kind) {
      case 'done':
        break;
      case 'delivered':
        delivered.push(message);
        break;
      case 'failed':
        failed.push({ message, reason: resolution.reason });
        break;
      case 'retry-later':
      case 'unconfirmed':
        if (resolution.kind === 'retry-later') {
          released.push(message);
          if (resolution.retryAfterMs !== undefined) {
            retryAfterMs = Math.max(retryAfterMs ?? 0, resolution.retryAfterMs);
          }
        }
        waiting += 1;
        if (stopAt === undefined)
          throttled = resolution.kind === 'retry-later' && !!resolution.throttled;
        stopAt ??= offset;
        lastError ??= resolution.reason;
        oldestWaiting ??= message.position.timestamp;
        break;
    }
  }
  const target = stopAt ?? rangeEnd;
  return {
    delivered,
    failed,
    released,
    nextCursor: target > cursor ? target : cursor,
    complete: stopAt === undefined,
    waiting,
    retryAfterMs,
    throttled,
    lastError: lastError ?? failed[0]?.reason,
    oldestWaiting,
  };
}
