// What the Sheets throughput benchmark reads from its emulator, once a second: the emulator's own
// counters (requests, writes, 429s, 5xx) and the rows its tabs hold. And the sums over a span.
import type { SheetsEmulatorControl } from '../sheets-emulator/src/control-client';
import type { SpreadsheetResource } from '../sheets-emulator/src/model/describe';
import { BENCH_TAB } from './sheets-backlog';

export interface Sample {
  /** Milliseconds since the run's first data row landed (negative before). */
  readonly at: number;
  /** Data rows in the bench's tabs (header excluded). */
  readonly rows: number;
  /**
   * Tabs holding data rows: a tab gets its header in a write request of its own before its
   * first rows, so once every tab has rows the one-off set-up writes are behind the run.
   */
  readonly tabsWithRows: number;
  readonly requests: number;
  /** Write requests the emulator answered, 429s and errors included. */
  readonly writes: number;
  readonly rateLimited: number;
  readonly serverErrors: number;
  readonly clientErrors: number;
}

/** Reads one sample: stats from /_control/stats, rows from the tabs' grid row counts. */
export async function readSample(
  control: SheetsEmulatorControl,
  spreadsheetIds: ReadonlySet<string>,
  at: number,
): Promise<Sample> {
  const [stats, sheets] = await Promise.all([
    control.stats(),
    fetch(`${control.url}/_control/spreadsheets`, { signal: AbortSignal.timeout(10_000) }).then(
      (response) => response.json() as Promise<SpreadsheetResource[]>,
    ),
  ]);
  let rows = 0;
  let tabsWithRows = 0;
  for (const sheet of sheets) {
    if (!spreadsheetIds.has(sheet.spreadsheetId)) continue;
    const tab = sheet.sheets.find((s) => s.properties.title === BENCH_TAB);
    const dataRows = Math.max(0, (tab?.properties.gridProperties.rowCount ?? 1) - 1);
    rows += dataRows;
    if (dataRows > 0) tabsWithRows++;
  }
  const { totals } = stats;
  return {
    at,
    rows,
    tabsWithRows,
    requests: totals.requests,
    writes: totals.writes,
    rateLimited: totals.rateLimited,
    serverErrors: totals.serverErrors,
    clientErrors: totals.clientErrors,
  };
}

export interface Span {
  readonly fromS: number;
  readonly toS: number;
  readonly seconds: number;
  readonly rows: number;
  /** Write requests the emulator accepted (answered 2xx). */
  readonly acceptedWrites: number;
  readonly rateLimited: number;
  readonly serverErrors: number;
  readonly rowsPerMinute: number;
  readonly acceptedWritesPerMinute: number;
  readonly rowsPerWrite: number;
}

const accepted = (s: Sample) => s.writes - s.rateLimited - s.serverErrors - s.clientErrors;

/** What happened between two samples. */
export function spanBetween(from: Sample, to: Sample): Span {
  const seconds = (to.at - from.at) / 1_000;
  const rows = to.rows - from.rows;
  const acceptedWrites = accepted(to) - accepted(from);
  return {
    fromS: Math.round(from.at / 1_000),
    toS: Math.round(to.at / 1_000),
    seconds: Math.round(seconds * 10) / 10,
    rows,
    acceptedWrites,
    rateLimited: to.rateLimited - from.rateLimited,
    serverErrors: to.serverErrors - from.serverErrors,
    rowsPerMinute: Math.round((rows / seconds) * 60),
    acceptedWritesPerMinute: Math.round((acceptedWrites / seconds) * 600) / 10,
    rowsPerWrite: acceptedWrites > 0 ? Math.round((rows / acceptedWrites) * 10) / 10 : 0,
  };
}

/**
 * In the steady state: at least `minimumMs` after the first row, and every tab has rows (its
 * header written), so one-off set-up writes are not counted as throughput.
 */
export function isSteady(sample: Sample, minimumMs: number, tabs: number): boolean {
  return sample.at >= minimumMs && sample.tabsWithRows >= tabs;
}

/** The first sample at or after `at` (the last one when none is). */
export function sampleAt(samples: readonly Sample[], at: number): Sample {
  return samples.find((s) => s.at >= at) ?? samples[samples.length - 1]!;
}

/** Consecutive spans of `lengthMs` from `from` to `to` (the last one may be shorter). */
export function windows(
  samples: readonly Sample[],
  from: number,
  to: number,
  lengthMs: number,
): Span[] {
  const spans: Span[] = [];
  for (let start = from; start < to - 1_000; start += lengthMs) {
    spans.push(
      spanBetween(sampleAt(samples, start), sampleAt(samples, Math.min(to, start + lengthMs))),
    );
  }
  return spans;
}

/**
 * The most write requests the emulator accepted in any rolling `lengthMs` (at the samples'
 * resolution): the quota holds when this is at most the per-minute limit.
 */
export function busiestWindow(samples: readonly Sample[], lengthMs: number): number {
  let most = 0;
  for (const [i, from] of samples.entries()) {
    for (let j = i + 1; j < samples.length && samples[j]!.at - from.at <= lengthMs; j++) {
      most = Math.max(most, accepted(samples[j]!) - accepted(from));
    }
  }
  return most;
}
