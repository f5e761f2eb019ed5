import { waitFor } from '../../tools/stack/src/wait';

/** Waits for a condition with a deadline; tests never sleep to synchronise. */
export function eventually(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  return waitFor(async () => check(), { what, timeoutMs, intervalMs: 100, reportEveryMs: 0 });
}

/** Resolves with `promise`, or rejects when it takes longer than `timeoutMs`. */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
