/** Where a rebuild stands: events applied to the new generation out of those in the log. */
export interface ProgressSample {
  readonly done: bigint;
  readonly total: bigint;
  /** performance.now() when sampled. */
  readonly atMs: number;
}

/** Pure: one progress line, e.g. `412,000 / 1,003,600 events (41.1%), 18,950 events/s, ETA 0:31`. */
export function progressLine(
  previous: ProgressSample | undefined,
  current: ProgressSample,
): string {
  const done = Number(current.done);
  const total = Number(current.total);
  const percent = total === 0 ? 100 : Math.min(100, (done / total) * 100);
  const rate =
    previous && current.atMs > previous.atMs
      ? (Number(current.done - previous.done) * 1000) / (current.atMs - previous.atMs)
      : undefined;
  const remaining = Math.max(0, total - done);
  const eta = remaining === 0 ? '0:00' : rate && rate > 0 ? clock(remaining / rate) : 'unknown';
  return (
    `${done.toLocaleString('en-GB')} / ${total.toLocaleString('en-GB')} events ` +
    `(${percent.toFixed(1)}%), ${rate === undefined ? '–' : Math.round(rate).toLocaleString('en-GB')} events/s, ETA ${eta}`
  );
}

/** Seconds as m:ss (or h:mm:ss). */
export function clock(seconds: number): string {
  const whole = Math.ceil(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export interface ProgressOutput {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Prints progress lines: on a terminal one line rewritten in place every second; otherwise (a
 * log, CI) a new line every `logEveryMs`, never a spinner.
 */
export class ProgressPrinter {
  private previous: ProgressSample | undefined;
  private lastPrintedMs = -Infinity;
  private open = false;

  constructor(
    private readonly output: ProgressOutput,
    private readonly logEveryMs = 5_000,
  ) {}

  /** How often to sample. */
  get intervalMs(): number {
    return this.output.isTTY ? 1_000 : this.logEveryMs;
  }

  sample(current: ProgressSample, force = false): void {
    if (!force && current.atMs - this.lastPrintedMs < this.intervalMs - 50) return;
    const line = progressLine(this.previous, current);
    this.previous = current;
    this.lastPrintedMs = current.atMs;
    if (this.output.isTTY) {
      this.output.write(`\r\u001b[2K${line}`);
      this.open = true;
    } else {
      this.output.write(`${line}\n`);
    }
  }

  /** A message on its own line (ends a line being rewritten first). */
  say(message: string): void {
    if (this.open) this.output.write('\n');
    this.open = false;
    this.output.write(`${message}\n`);
  }
}
