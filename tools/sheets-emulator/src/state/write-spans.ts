/** One write request to a spreadsheet, from its arrival to its answer. */
export interface WriteSpan {
  readonly operation: string;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly status: number;
}

/** What the emulator saw of one spreadsheet's write requests, for proofs of "one writer at a time". */
export interface WriteLog {
  /** Write requests that arrived while another write to the same spreadsheet was still open. */
  readonly overlapping: number;
  readonly maxConcurrent: number;
  /** The last `MAX_SPANS` write requests, in the order they ended. */
  readonly spans: readonly WriteSpan[];
}

export const MAX_SPANS = 10_000;

interface Entry {
  open: number;
  overlapping: number;
  maxConcurrent: number;
  spans: WriteSpan[];
}

/** Records every write request's start and end per spreadsheet, and counts overlaps. */
export class WriteSpans {
  private readonly bySpreadsheet = new Map<string, Entry>();

  /** Call when a write request arrives; call the answer when it is answered (any status). */
  begin(
    spreadsheetId: string,
    operation: string,
    now: number,
  ): (status: number, end: number) => void {
    const entry = this.entry(spreadsheetId);
    if (entry.open > 0) entry.overlapping++;
    entry.open++;
    entry.maxConcurrent = Math.max(entry.maxConcurrent, entry.open);
    let ended = false;
    return (status, end) => {
      if (ended) return;
      ended = true;
      entry.open--;
      entry.spans.push({ operation, startedAt: now, endedAt: end, status });
      if (entry.spans.length > MAX_SPANS) entry.spans.splice(0, entry.spans.length - MAX_SPANS);
    };
  }

  of(spreadsheetId: string): WriteLog {
    const entry = this.bySpreadsheet.get(spreadsheetId);
    if (!entry) return { overlapping: 0, maxConcurrent: 0, spans: [] };
    return {
      overlapping: entry.overlapping,
      maxConcurrent: entry.maxConcurrent,
      spans: [...entry.spans],
    };
  }

  reset(): void {
    this.bySpreadsheet.clear();
  }

  private entry(spreadsheetId: string): Entry {
    let entry = this.bySpreadsheet.get(spreadsheetId);
    if (!entry) {
      entry = { open: 0, overlapping: 0, maxConcurrent: 0, spans: [] };
      this.bySpreadsheet.set(spreadsheetId, entry);
    }
    return entry;
  }
}
