import type { Integration, IntegrationStatusState } from '@collect/integrations';
import type { Pool } from 'pg';
import type { IntegrationBackoff } from '../delivery/integration-backoff';
import { fromDatabaseError } from '../errors/from-database-error';
import type { IntegrationGauges, RuntimeMetrics } from '../telemetry/runtime-metrics';
import type { BackfillProgress } from './backfill-progress';
import type { DeliveryTracker } from './delivery-tracker';
import type { StatusNotes } from './status-notes';

/** Where every integration and the live group stand, per partition of the responses topic. */
export interface Positions {
  readonly cursors: ReadonlyMap<string, ReadonlyMap<number, bigint>>;
  readonly groupOffsets: ReadonlyMap<number, bigint>;
  readonly endOffsets: ReadonlyMap<number, bigint>;
}

interface StatusRow {
  readonly integrationId: string;
  readonly state: IntegrationStatusState;
  readonly lag: bigint;
  readonly oldestUndeliveredAt: Date | null;
  readonly backfillDone: bigint | null;
  readonly backfillTotal: bigint | null;
}

/**
 * Keeps `integration_status` current (state, lag, oldest undelivered, backfill progress, the
 * connectors' notes; the counters are added by the delivery rounds themselves) and feeds the lag
 * gauges.
 */
export class StatusReporter {
  constructor(
    private readonly pool: Pool,
    private readonly metrics: RuntimeMetrics,
    private readonly tracker: DeliveryTracker,
    private readonly backoff: IntegrationBackoff,
    private readonly progress: BackfillProgress,
    private readonly notes: StatusNotes,
  ) {}

  async report(attached: readonly Integration[], positions: Positions): Promise<void> {
    const rows = attached.map((integration) => this.statusOf(integration, positions));
    const now = Date.now();
    this.metrics.observe(
      new Map<string, IntegrationGauges>(
        rows.map((row) => [
          row.integrationId,
          {
            lag: Number(row.lag),
            oldestUndeliveredAgeSeconds: row.oldestUndeliveredAt
              ? Math.max(0, (now - row.oldestUndeliveredAt.getTime()) / 1000)
              : 0,
          },
        ]),
      ),
    );
    if (rows.length === 0) return;
    const notes = this.notes.take(rows.map((row) => row.integrationId));
    try {
      await this.pool.query(
        `INSERT INTO integration_status
           (integration_id, state, delivered_count, dead_lettered_count, lag, oldest_undelivered_at,
            backfill_done, backfill_total, note, note_at, updated_at)
         SELECT i, s, 0, 0, l, o, d, t, n, na, now()
           FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::timestamptz[], $5::bigint[], $6::bigint[],
                       $7::text[], $8::timestamptz[])
             AS x(i, s, l, o, d, t, n, na)
         ON CONFLICT (integration_id) DO UPDATE SET
           state = EXCLUDED.state,
           lag = EXCLUDED.lag,
           oldest_undelivered_at = EXCLUDED.oldest_undelivered_at,
           backfill_done = coalesce(EXCLUDED.backfill_done, integration_status.backfill_done),
           backfill_total = coalesce(EXCLUDED.backfill_total, integration_status.backfill_total),
           note = coalesce(EXCLUDED.note, integration_status.note),
           note_at = coalesce(EXCLUDED.note_at, integration_status.note_at),
           updated_at = now()`,
        [
          rows.map((row) => row.integrationId),
          rows.map((row) => row.state),
          rows.map((row) => String(row.lag)),
          rows.map((row) => row.oldestUndeliveredAt),
          rows.map((row) => (row.backfillDone === null ? null : String(row.backfillDone))),
          rows.map((row) => (row.backfillTotal === null ? null : String(row.backfillTotal))),
          rows.map((row) => notes.get(row.integrationId)?.text ?? null),
          rows.map((row) => notes.get(row.integrationId)?.at ?? null),
        ],
      );
    } catch (error) {
      this.notes.restore(notes);
      throw fromDatabaseError(error, 'writing integration status');
    }
  }

  private statusOf(integration: Integration, positions: Positions): StatusRow {
    const id = integration.integrationId;
    const cursors = positions.cursors.get(id) ?? new Map<number, bigint>();
    let lag = 0n;
    let behindGroup = false;
    for (const [partition, end] of positions.endOffsets) {
      const cursor = cursors.get(partition) ?? 0n;
      if (end > cursor) lag += end - cursor;
      if (cursor < (positions.groupOffsets.get(partition) ?? 0n)) behindGroup = true;
    }
    const progress = this.progress.progress(id);
    return {
      integrationId: id,
      state: stateOf(integration, this.backoff.failingSince(id) !== undefined, behindGroup),
      lag,
      oldestUndeliveredAt: this.tracker.oldestWaiting(id) ?? null,
      backfillDone: progress?.done ?? null,
      backfillTotal: progress?.total ?? null,
    };
  }
}

function stateOf(
  integration: Integration,
  failing: boolean,
  behindGroup: boolean,
): IntegrationStatusState {
  if (integration.state === 'paused') return 'paused';
  if (failing) return 'failing';
  return behindGroup ? 'backfilling' : 'live';
}
