import type { ApiClient } from './api-client';
import type { CliIo } from './cli-io';
import { progressLine, type StatusSnapshot } from './progress';

export interface WatchedIntegration {
  readonly integrationId: string;
  readonly state: 'active' | 'paused' | 'detached';
  readonly status: StatusSnapshot & { readonly updatedAt: string | null };
}

export interface WatchOptions {
  readonly intervalMs: number;
  /** Only a report written at or after this (server time, ISO) can end the watch: a replay's or attach's own. */
  readonly since?: string;
  readonly timeoutMs?: number;
}

/**
 * Polls an integration until its backfill or replay is over (the runtime reports it live with no
 * backfill in progress), drawing a progress bar that redraws in place on a terminal and plain
 * lines (one per change) otherwise. Stops early, saying why, when the integration is paused or
 * detached (nothing would progress). Resolves with the last view; false when it timed out.
 */
export async function watchStatus(
  client: ApiClient,
  integrationId: string,
  io: CliIo,
  options: WatchOptions,
): Promise<{ readonly finished: boolean; readonly last: WatchedIntegration }> {
  const tty = io.stdout.isTTY === true;
  const sleep = io.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
  let previous = '';
  for (;;) {
    const view = await client.get<WatchedIntegration>(`v1/integrations/${integrationId}`);
    const line = progressLine(view.status, tty);
    if (tty) io.stdout.write(`\r${line}\u001b[K`);
    else if (line !== previous) io.stdout.write(`${line}\n`);
    previous = line;
    const end = endOf(view, options.since);
    if (end !== undefined || Date.now() >= deadline) {
      if (tty) io.stdout.write('\n');
      const finished = end === 'done';
      if (end === undefined) io.stdout.write('stopped watching: timed out\n');
      else if (!finished) io.stdout.write(`stopped watching: the integration is ${view.state}\n`);
      return { finished, last: view };
    }
    await sleep(options.intervalMs);
  }
}

function endOf(
  view: WatchedIntegration,
  since: string | undefined,
): 'done' | 'stopped' | undefined {
  if (view.state !== 'active') return 'stopped';
  const { state, backfill, updatedAt } = view.status;
  const fresh = since === undefined || (updatedAt !== null && updatedAt >= since);
  return state === 'live' && backfill === null && fresh ? 'done' : undefined;
}
