/**
 * kafkajs `retry.restartOnFailure` for a consumer that is being shut down: kafkajs schedules a
 * restart after a crash, and `disconnect()` cannot cancel one still being decided, so a crash that
 * races the shutdown would otherwise leave the consumer retrying for good (and keep the process,
 * or Jest, alive).
 */
export function restartUntilStopped(stopped: () => boolean): () => Promise<boolean> {
  return () => Promise.resolve(!stopped());
}
