// The latency benchmark's observer: notices new rows of the benchmark's forms in the live
// generation's responses table, with the wall-clock time each row's transaction committed
// (Postgres `track_commit_timestamp`), so 202 → visible splits into 202 → committed (Kafka and
// the projector) and committed → seen (this poller). It polls from a worker thread of its own:
// on the main thread, the submission loop and its garbage collection delayed the polls by up to
// 300 ms at 1,000 submissions/s, and that delay was most of the measured tail.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, type ClientConfig } from 'pg';

export interface RowSeen {
  /** Wall-clock ms (performance.timeOrigin + performance.now()) when the poller saw the row. */
  readonly seenAt: number;
  /** Wall-clock ms of the commit that stored the row. */
  readonly committedAt: number;
  /** Wall-clock ms the API took the submission in (the event's occurredAt, `received_at`). */
  readonly receivedAt: number;
}

export interface PollerStats {
  readonly polls: number;
  /** Longest time between the starts of two polls: what the poller itself may add. */
  readonly maxGapMs: number;
}

interface PollerInput {
  readonly role: 'visibility-poller';
  readonly connection: ClientConfig;
  /** The live generation's schema: views hide xmin, so the table is read directly. */
  readonly schema: string;
  readonly formIds: readonly string[];
  readonly intervalMs: number;
}

type PollerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'seen'; readonly rows: ReadonlyArray<[string, number, number, number]> }
  | { readonly kind: 'stopped'; readonly stats: PollerStats };

/** Wall-clock milliseconds with sub-millisecond precision, comparable with Postgres timestamps. */
export const wallClockMs = (): number => performance.timeOrigin + performance.now();

/** The main thread's handle on the polling worker. */
export class VisibilityPoller {
  readonly seen = new Map<string, RowSeen>();
  private readonly worker: Worker;
  private readonly stopped: Promise<PollerStats>;
  /** Resolves after the first poll: a worker takes a second or two to start (compiling TypeScript). */
  readonly ready: Promise<void>;

  constructor(input: Omit<PollerInput, 'role'>) {
    this.worker = new Worker(__filename, { workerData: { role: 'visibility-poller', ...input } });
    let ready: () => void;
    this.ready = new Promise((resolve) => (ready = resolve));
    this.stopped = new Promise((resolve, reject) => {
      this.worker.on('error', reject);
      this.worker.on('message', (message: PollerMessage) => {
        if (message.kind === 'ready') ready();
        else if (message.kind === 'stopped') resolve(message.stats);
        else
          for (const [id, seenAt, committedAt, receivedAt] of message.rows)
            this.seen.set(id, { seenAt, committedAt, receivedAt });
      });
    });
  }

  async stop(): Promise<PollerStats> {
    this.worker.postMessage('stop');
    const stats = await this.stopped;
    await this.worker.terminate();
    return stats;
  }
}

async function pollInWorker(input: PollerInput): Promise<void> {
  const client = new Client(input.connection);
  await client.connect();
  let running = true;
  parentPort!.on('message', () => (running = false));
  const lastSeq = new Map(input.formIds.map((formId) => [formId, 0]));
  let polls = 0;
  let maxGapMs = 0;
  let lastStart: number | undefined;
  while (running) {
    const start = performance.now();
    maxGapMs = Math.max(maxGapMs, start - (lastStart ?? start));
    lastStart = start;
    polls++;
    const formIds = [...lastSeq.keys()];
    const { rows } = await client.query<{
      form_id: string;
      form_seq: string;
      response_id: string;
      committed_ms: number;
      received_ms: number;
    }>(
      `SELECT r.form_id, r.form_seq, r.response_id,
              extract(epoch FROM pg_xact_commit_timestamp(r.xmin))::float8 * 1000 AS committed_ms,
              extract(epoch FROM r.received_at)::float8 * 1000 AS received_ms
         FROM unnest($1::uuid[], $2::bigint[]) AS f(form_id, seq)
         JOIN ${input.schema}.responses r ON r.form_id = f.form_id AND r.form_seq > f.seq`,
      [formIds, formIds.map((formId) => lastSeq.get(formId)!)],
    );
    const seenAt = wallClockMs();
    if (polls === 1) parentPort!.postMessage({ kind: 'ready' } satisfies PollerMessage);
    if (rows.length > 0) {
      for (const row of rows)
        lastSeq.set(row.form_id, Math.max(lastSeq.get(row.form_id)!, Number(row.form_seq)));
      const message: PollerMessage = {
        kind: 'seen',
        rows: rows.map((row) => [row.response_id, seenAt, row.committed_ms, row.received_ms]),
      };
      parentPort!.postMessage(message);
    }
    await sleep(input.intervalMs);
  }
  await client.end();
  const message: PollerMessage = { kind: 'stopped', stats: { polls, maxGapMs } };
  parentPort!.postMessage(message);
}

if (!isMainThread && (workerData as PollerInput | undefined)?.role === 'visibility-poller') {
  void pollInWorker(workerData as PollerInput);
}
