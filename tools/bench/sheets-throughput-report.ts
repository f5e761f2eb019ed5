// The Sheets throughput benchmark's arithmetic and output: the theoretical maximum for the chosen
// config, the steady-state figures measured against it, and the tables and JSON that show them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sheetsConnector } from '../../apps/sheets-connector/src/connector/sheets-connector';
import { extendLayout, rowOf } from '../../apps/sheets-connector/src/writer/column-layout';
import { MAX_APPEND_BYTES } from '../../apps/sheets-connector/src/writer/append-chunks';
import type { ResponseSubmitted } from '@collect/events';
import { printTable } from './projector-bench-support';
import type { Span } from './sheets-samples';

export interface Ceiling {
  /** Write requests per minute the emulator admits for this run's one service account. */
  readonly writesPerMinute: number;
  /** Rows one append may carry: the connector's maxBatchSize, or fewer when the payload bound bites. */
  readonly rowsPerRequest: number;
  readonly maxBatchSize: number;
  readonly rowBytes: number;
  readonly rowsPerPayloadBound: number;
  readonly rowsPerMinute: number;
  readonly explanation: string;
}

/** The connector's own batch bound, read from the connector rather than restated here. */
function connectorMaxBatchSize(): number {
  const connector = sheetsConnector({
    pool: undefined as never,
    writer: undefined as never,
    migrationsDir: '',
    budgets: {
      perSpreadsheetPerMinute: 1,
      perUserPerMinute: 1,
      perProjectPerMinute: 1,
      credential: '',
    },
  });
  return connector.maxBatchSize ?? 500;
}

/**
 * quota × rows per request: write requests per minute allowed to one service account (the
 * smaller of the per-user and per-project quota), each carrying as many rows as the connector
 * puts in one append (maxBatchSize, or fewer when rows of this size would pass the payload bound).
 */
export function ceilingOf(
  quota: { readonly perUser: number; readonly perProject: number },
  sample: ResponseSubmitted,
): Ceiling {
  const layout = extendLayout({ questionIds: [] }, { spreadsheetId: 'x', sheet: 'x' }, [sample]);
  const rowBytes = Buffer.byteLength(JSON.stringify(rowOf(layout, sample))) + 1;
  const maxBatchSize = connectorMaxBatchSize();
  const rowsPerPayloadBound = Math.floor(MAX_APPEND_BYTES / rowBytes);
  const rowsPerRequest = Math.min(maxBatchSize, rowsPerPayloadBound);
  const writesPerMinute = Math.min(quota.perUser, quota.perProject);
  const bound = rowsPerRequest === maxBatchSize ? 'maxBatchSize' : 'the payload bound';
  return {
    writesPerMinute,
    rowsPerRequest,
    maxBatchSize,
    rowBytes,
    rowsPerPayloadBound,
    rowsPerMinute: writesPerMinute * rowsPerRequest,
    explanation:
      `theoretical maximum = ${writesPerMinute} write requests/min (min of the per-user quota ${quota.perUser} ` +
      `for the run's one service account and the per-project quota ${quota.perProject}) × ${rowsPerRequest} rows per request ` +
      `(min of the connector's maxBatchSize ${maxBatchSize} and ${rowsPerPayloadBound} rows of ${rowBytes} bytes in its ` +
      `${MAX_APPEND_BYTES.toLocaleString('en-GB')}-byte payload bound: ${bound} bites) = ${(writesPerMinute * rowsPerRequest).toLocaleString('en-GB')} rows/min`,
  };
}

export interface Verdict {
  readonly ratio: number;
  /** rowsPerWrite / rowsPerRequest: how full each append was. */
  readonly batchFill: number;
  /** accepted writes per minute / writes allowed: how much of the quota turned into appends. */
  readonly quotaUse: number;
}

/** ratio = batchFill × quotaUse (up to header writes in the span). */
export function verdictOf(steady: Span, ceiling: Ceiling): Verdict {
  const round = (x: number) => Math.round(x * 1_000) / 1_000;
  return {
    ratio: round(steady.rowsPerMinute / ceiling.rowsPerMinute),
    batchFill: round(steady.rowsPerWrite / ceiling.rowsPerRequest),
    quotaUse: round(steady.acceptedWritesPerMinute / ceiling.writesPerMinute),
  };
}

const spanRow = (label: string, span: Span) => ({
  span: label,
  's from first row': `${span.fromS}–${span.toS}`,
  rows: span.rows,
  'rows/min': span.rowsPerMinute,
  'writes ok': span.acceptedWrites,
  'writes/min': span.acceptedWritesPerMinute,
  'rows/write': span.rowsPerWrite,
  '429s': span.rateLimited,
  '5xx': span.serverErrors,
});

export function printReport(input: {
  readonly ceiling: Ceiling;
  readonly steady: Span;
  readonly minutes: readonly Span[];
  readonly warmUp: Span;
  readonly verdict: Verdict;
  readonly busiestMinuteWrites: number;
}): void {
  const { ceiling, steady, verdict } = input;
  console.log(`\n${ceiling.explanation}\n`);
  printTable([
    spanRow('warm-up', input.warmUp),
    ...input.minutes.map((minute, i) => spanRow(`minute ${i + 1}`, minute)),
    spanRow('steady state', steady),
  ]);
  console.log(
    `\nsteady state: ${steady.rowsPerMinute.toLocaleString('en-GB')} rows/min of ${ceiling.rowsPerMinute.toLocaleString('en-GB')} = ` +
      `${(verdict.ratio * 100).toFixed(1)}% of the theoretical maximum (goal ≥ 90%) — ` +
      `appends ${(verdict.batchFill * 100).toFixed(1)}% full (${steady.rowsPerWrite} of ${ceiling.rowsPerRequest} rows), ` +
      `${(verdict.quotaUse * 100).toFixed(1)}% of the write quota used (${steady.acceptedWritesPerMinute} of ${ceiling.writesPerMinute}/min); ` +
      `busiest rolling minute: ${input.busiestMinuteWrites} accepted writes (quota ${ceiling.writesPerMinute})`,
  );
}

export function writeJson(path: string, result: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${path}`);
}
