import type { Admin } from 'kafkajs';
import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { planCatchUp, type LaggingCursor } from '../catch-up/catch-up-plan';
import type { CatchUpReader } from '../catch-up/catch-up-reader';
import { groupOffsets } from '../checkpoints/group-checkpoints';
import type { IntegrationBackoff } from '../delivery/integration-backoff';
import { describeError } from '../errors/connector-runtime-error';
import type { IntegrationCache } from '../integrations/integration-cache';
import { readCursors } from '../ledger/read-cursors';
import type { BackfillProgress } from '../status/backfill-progress';
import type { Positions, StatusReporter } from '../status/status-reporter';

export interface RefreshLoopOptions {
  readonly pool: Pool;
  readonly admin: Admin;
  readonly topic: string;
  readonly partitions: readonly number[];
  readonly groupId: string;
  readonly periodMs: number;
  readonly integrations: IntegrationCache;
  readonly backoff: IntegrationBackoff;
  readonly progress: BackfillProgress;
  readonly reader: CatchUpReader;
  readonly status: StatusReporter;
  /** The partitions this replica's live member owns (the catch-up reader serves only those). */
  readonly owned: () => ReadonlySet<number>;
}

/**
 * Every few seconds, and at once when woken (an integration event, a new assignment, a target
 * whose backoff ends): reloads the integrations, reads where their cursors and the live group
 * stand, tells the catch-up reader what to read, and writes the status.
 */
export class RefreshLoop {
  private readonly logger = new Logger('Refresh');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly options: RefreshLoopOptions) {}

  start(): void {
    this.wake();
  }

  /** Runs a refresh now (or right after the one in progress). */
  wake = (): void => {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.refresh()
      .catch((error: unknown) =>
        this.logger.warn({
          msg: 'refreshing integrations failed; retrying',
          err: describeError(error),
        }),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        } else this.schedule();
      });
  };

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    const wakeAt = this.options.backoff.nextWakeAt();
    const delay = Math.min(
      this.options.periodMs,
      wakeAt === undefined ? Infinity : Math.max(10, wakeAt - Date.now() + 5),
    );
    this.timer = setTimeout(this.wake, delay);
    this.timer.unref();
  }

  private async refresh(): Promise<void> {
    const { options } = this;
    const snapshot = await options.integrations.refresh();
    const ids = new Set(snapshot.attached.map((integration) => integration.integrationId));
    options.backoff.retain(ids);
    options.progress.retain(ids);
    const positions = await this.positions([...ids]);
    const lagging: LaggingCursor[] = snapshot.active.flatMap((integration) =>
      options.partitions.flatMap((partition) => {
        const cursor = positions.cursors.get(integration.integrationId)?.get(partition) ?? 0n;
        const groupOffset = positions.groupOffsets.get(partition) ?? 0n;
        return cursor < groupOffset ? [{ integration, partition, cursor, groupOffset }] : [];
      }),
    );
    options.progress.observe(lagging);
    const owned = options.owned();
    options.reader.apply(
      planCatchUp(
        lagging.filter((entry) => owned.has(entry.partition)),
        (id) => options.backoff.isResting(id),
      ),
    );
    await options.status.report(snapshot.attached, positions);
  }

  private async positions(ids: readonly string[]): Promise<Positions> {
    const { pool, admin, topic, partitions, groupId } = this.options;
    const [cursors, offsets, ends] = await Promise.all([
      readCursors(pool, ids, topic, partitions),
      groupOffsets(pool, groupId, topic, partitions),
      admin.fetchTopicOffsets(topic),
    ]);
    return {
      cursors,
      groupOffsets: offsets,
      endOffsets: new Map(ends.map((end) => [end.partition, BigInt(end.high)])),
    };
  }
}
