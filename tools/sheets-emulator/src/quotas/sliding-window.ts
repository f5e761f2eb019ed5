/**
 * Counts events per key over the last `windowMs` milliseconds. A rolling window is stricter than
 * Google's per-minute refill: a client that never passes N per rolling minute never sees a 429,
 * and one that bursts across a minute boundary is caught.
 */
export class SlidingWindow {
  private readonly events = new Map<string, number[]>();

  constructor(readonly windowMs: number) {}

  /** Events of `key` in (now - windowMs, now]. */
  count(key: string, now: number): number {
    return this.prune(key, now).length;
  }

  record(key: string, now: number): void {
    const times = this.prune(key, now);
    times.push(now);
    this.events.set(key, times);
  }

  /** When the oldest counted event of `key` leaves the window (now when none counts). */
  nextFreeAt(key: string, now: number): number {
    const oldest = this.prune(key, now)[0];
    return oldest === undefined ? now : oldest + this.windowMs;
  }

  private prune(key: string, now: number): number[] {
    const times = this.events.get(key) ?? [];
    let drop = 0;
    while (drop < times.length && (times[drop] ?? 0) <= now - this.windowMs) drop++;
    if (drop > 0) times.splice(0, drop);
    return times;
  }
}
