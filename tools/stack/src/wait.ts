import { setTimeout as delay } from 'node:timers/promises';
import { formatSeconds, say } from './progress';

export interface WaitOptions {
  /** What is awaited, for progress lines and the timeout error. */
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  /** Print a "still waiting" line this often; 0 disables it. */
  reportEveryMs?: number;
  /** Called between attempts; throwing aborts the wait (e.g. the process died). */
  abortIf?: () => string | undefined;
}

/**
 * Polls `check` until it returns true or the deadline passes. A check that throws counts as
 * "not yet"; its last error is quoted when the wait times out.
 */
export async function waitFor(check: () => Promise<boolean>, options: WaitOptions): Promise<void> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const interval = options.intervalMs ?? 250;
  const reportEvery = options.reportEveryMs ?? 5_000;
  let lastReport = started;
  let lastError: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    const abortReason = options.abortIf?.();
    if (abortReason) throw new Error(`${options.what}: ${abortReason}`);
    const now = Date.now();
    if (now >= deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(
        `timed out after ${formatSeconds(options.timeoutMs)} waiting for ${options.what}${detail}`,
      );
    }
    if (reportEvery > 0 && now - lastReport >= reportEvery) {
      say(`still waiting for ${options.what} (${formatSeconds(now - started)})`);
      lastReport = now;
    }
    await delay(Math.min(interval, deadline - now));
  }
}
