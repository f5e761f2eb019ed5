import { waitFor } from '../../tools/stack/src/wait';

/** Waits for a condition with a deadline; tests never sleep to synchronise. */
export function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  return waitFor(async () => check(), { what, timeoutMs, intervalMs: 100, reportEveryMs: 0 });
}
