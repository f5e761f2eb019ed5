// kafkajs 2.2.4 (unmaintained since 2023) keeps every broker connection polling its request queue
// every millisecond for as long as the connection lives, loaded or idle: with nothing pending and
// no throttle, `scheduleCheckPendingRequests` still arms a timer with a negative delay (clamped
// to 1 ms), whose callback arms the next one (tulios/kafkajs#1556, #1704, #1751; the fix of
// tulios/kafkajs#1667, never released). Each idle app burnt a few percent of a core on it and
// the API ~2 µs per submission. This replaces that one method: a timer is armed only when
// requests wait (as before) or a throttle is in effect. Otherwise nothing can be waiting, and
// the next `push` or answered request checks the queue anyway.
//
// Loaded for its effect by create-kafka.ts, so every client the apps create has it; the prototype
// is shared, so it also covers connections opened before this module loaded.

import { createRequire } from 'node:module';

interface RequestQueueInstance {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
}

interface RequestQueueClass {
  prototype: RequestQueueInstance & { scheduleCheckPendingRequests(): void };
}

/** kafkajs' own interval for re-checking a queue whose requests wait (not exported). */
const checkPendingIntervalMs = 10;

// Node's own require, also in the webpack bundle (where kafkajs stays an external module).
const nodeRequire = createRequire(__filename);
const RequestQueue = nodeRequire('kafkajs/src/network/requestQueue') as RequestQueueClass;

RequestQueue.prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(
  this: RequestQueueInstance,
): void {
  if (this.throttleCheckTimeoutId) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  let delayMs: number;
  if (this.pending.length > 0) {
    delayMs = untilUnthrottled > 0 ? untilUnthrottled : checkPendingIntervalMs;
  } else if (untilUnthrottled > 0) {
    delayMs = untilUnthrottled;
  } else {
    return;
  }
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delayMs);
};
