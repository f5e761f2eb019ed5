import { maskString } from '../logging/redact';
import type { ProbeResult, ReadinessProbe } from './readiness-probe';

export const DEFAULT_PROBE_TIMEOUT_MS = 2_000;

/** Runs one probe, bounded by its timeout; never rejects and never outlives the timeout. */
export async function runProbe(
  probe: ReadinessProbe,
  defaultTimeoutMs = DEFAULT_PROBE_TIMEOUT_MS,
): Promise<ProbeResult> {
  const timeoutMs = probe.timeoutMs ?? defaultTimeoutMs;
  const controller = new AbortController();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`timed out after ${timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    await Promise.race([probe.check(controller.signal), timedOut]);
    return { name: probe.name, ok: true, latencyMs: elapsedSince(started) };
  } catch (error) {
    return {
      name: probe.name,
      ok: false,
      latencyMs: elapsedSince(started),
      error: describe(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

function elapsedSince(started: number): number {
  return Math.round(performance.now() - started);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return maskString(String(error));
  // fetch and kafkajs put the useful part (ECONNREFUSED, ...) in `cause`.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return maskString(`${error.message || error.name}${cause}`);
}
