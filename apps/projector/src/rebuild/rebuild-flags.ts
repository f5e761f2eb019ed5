export interface RebuildFlags {
  /** How long a retired generation is kept; 0 = dropped right after the switch-over. */
  readonly keepRetiredMs: number;
}

const HOUR_MS = 3_600_000;

/** Pure: the rebuild command's flags, or what is wrong with them. */
export function parseRebuildFlags(args: readonly string[]): RebuildFlags | { error: string } {
  let keepRetiredMs = 24 * HOUR_MS;
  for (const arg of args) {
    const keep = /^--keep-retired-hours=(\d+(\.\d+)?)$/.exec(arg);
    if (keep) keepRetiredMs = Number(keep[1]) * HOUR_MS;
    else if (arg === '--drop-retired') keepRetiredMs = 0;
    else {
      return {
        error:
          `unknown argument ${arg}\n` +
          'usage: rebuild.ts [--keep-retired-hours=24] [--drop-retired]',
      };
    }
  }
  return { keepRetiredMs };
}
