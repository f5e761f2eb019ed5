import type { Pool, PoolClient } from 'pg';
import { SheetsConnectorError } from '../sheets/sheets-connector-error';
import { KeyedMutex } from './keyed-mutex';
import { LayoutStore } from './layout-store';

/** The first key of the two-int advisory locks this connector takes ('SH' 'WR'): its own space. */
export const SPREADSHEET_LOCK_CLASS = 0x5348_5752;

/** Postgres' lock_not_available: lock_timeout passed. */
const LOCK_NOT_AVAILABLE = '55P03';

export interface SpreadsheetLocksOptions {
  /** Longest wait for another replica's writer before answering `spreadsheet_busy` (retriable). */
  readonly waitMs: number;
}

/**
 * One writer per spreadsheet across every replica: a session-level Postgres advisory lock keyed
 * by spreadsheetId, held on a dedicated pooled connection for the critical section only (layout
 * read, header, append, tail read) and released in `finally`. An in-process mutex stands in
 * front, so one process queues its own writers instead of making Postgres do it. The section's
 * layout store runs on the same connection: it commits statement by statement (the layout is
 * saved before the header is written), and a writer never waits for a second connection while
 * holding the first.
 */
export class SpreadsheetLocks {
  private readonly mutex = new KeyedMutex();

  constructor(
    private readonly pool: Pool,
    private readonly options: SpreadsheetLocksOptions,
  ) {}

  /**
   * Runs `work` holding the spreadsheet's lock. Rejects with a retriable SheetsConnectorError
   * (`spreadsheet_busy` after `waitMs`, `unavailable` when Postgres fails) before `work` starts.
   */
  run<T>(spreadsheetId: string, work: (store: LayoutStore) => Promise<T>): Promise<T> {
    return this.mutex.run(spreadsheetId, async () => {
      const client = await this.connect();
      try {
        await this.lock(client, spreadsheetId);
      } catch (error) {
        const timedOut = (error as { code?: unknown }).code === LOCK_NOT_AVAILABLE;
        // Any other failure may have left the lock taken: drop the session, which frees it.
        client.release(!timedOut);
        throw this.asLockError(error, timedOut, spreadsheetId);
      }
      try {
        return await work(new LayoutStore(client));
      } finally {
        client.release((await unlock(client, spreadsheetId)) ?? false);
      }
    });
  }

  private async connect(): Promise<PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw new SheetsConnectorError('unavailable', 'cannot reach Postgres for the writer lock', {
        cause: error,
      });
    }
  }

  private async lock(client: PoolClient, spreadsheetId: string): Promise<void> {
    await client.query(`SELECT set_config('lock_timeout', $1, false)`, [
      `${this.options.waitMs}ms`,
    ]);
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [
      SPREADSHEET_LOCK_CLASS,
      spreadsheetId,
    ]);
  }

  private asLockError(
    error: unknown,
    timedOut: boolean,
    spreadsheetId: string,
  ): SheetsConnectorError {
    if (timedOut) {
      return new SheetsConnectorError(
        'spreadsheet_busy',
        `another replica kept writing to spreadsheet ${spreadsheetId} for over ${this.options.waitMs} ms; trying again later`,
        { cause: error },
      );
    }
    return new SheetsConnectorError('unavailable', 'taking the writer lock in Postgres failed', {
      cause: error,
    });
  }
}

/** Undefined when unlocked; else the error, and the connection is dropped (ending its session frees the lock). */
async function unlock(client: PoolClient, spreadsheetId: string): Promise<Error | undefined> {
  try {
    await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [
      SPREADSHEET_LOCK_CLASS,
      spreadsheetId,
    ]);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
