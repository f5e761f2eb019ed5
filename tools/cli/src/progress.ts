/** Progress of a backfill or replay as the CLI draws it. Pure: no I/O. */

export interface StatusSnapshot {
  readonly state: string;
  readonly deliveredCount: number;
  readonly lag: number | null;
  readonly lastError: string | null;
  /** The connector's latest note (absent from older APIs). */
  readonly note?: string | null;
  readonly noteAt?: string | null;
  readonly backfill: {
    readonly done: number;
    readonly total: number;
    readonly percent: number;
    readonly etaSeconds: number | null;
  } | null;
}

/** `[########------------]` for a fraction 0..1. */
export function progressBar(fraction: number, width = 30): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(clamped * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

/** `1m 05s`, `42s`, `2h 03m`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One line: the bar (when `bar`) or plain numbers, then the state, lag and last error. */
export function progressLine(status: StatusSnapshot, bar: boolean): string {
  const parts: string[] = [];
  if (status.backfill) {
    const { done, total, percent, etaSeconds } = status.backfill;
    const numbers = `${done}/${total} (${percent.toFixed(1)}%)`;
    parts.push(bar ? `${progressBar(total === 0 ? 1 : done / total)} ${numbers}` : numbers);
    if (etaSeconds !== null) parts.push(`eta ${duration(etaSeconds)}`);
  }
  parts.unshift(status.state);
  parts.push(`delivered ${status.deliveredCount}`);
  if (status.lag !== null) parts.push(`lag ${status.lag}`);
  if (status.lastError) parts.push(`last error: ${status.lastError}`);
  return parts.join('  ');
}

/** `note (2025-03-04T09:00:31Z): continuing in tab …`, or undefined without a note. */
export function noteLine(status: StatusSnapshot): string | undefined {
  if (!status.note) return undefined;
  return status.noteAt ? `note (${status.noteAt}): ${status.note}` : `note: ${status.note}`;
}
