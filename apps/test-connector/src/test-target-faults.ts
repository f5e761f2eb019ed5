import type { Pool } from 'pg';

export interface Fault {
  readonly mode: 'unavailable' | 'unreachable' | 'rate-limited' | 'reject';
  readonly rejectResponseIds: readonly string[] | null;
  readonly retryAfterMs: number | null;
}

/** The fault a test switched on for an integration, if any. */
export async function readFault(pool: Pool, integrationId: string): Promise<Fault | undefined> {
  try {
    const { rows } = await pool.query<{
      mode: Fault['mode'];
      reject_response_ids: string[] | null;
      retry_after_ms: number | null;
    }>(
      'SELECT mode, reject_response_ids, retry_after_ms FROM test_target_faults WHERE integration_id = $1',
      [integrationId],
    );
    const row = rows[0];
    return row
      ? {
          mode: row.mode,
          rejectResponseIds: row.reject_response_ids,
          retryAfterMs: row.retry_after_ms,
        }
      : undefined;
  } catch (error) {
    throw Object.assign(new Error(`test target unreachable: ${(error as Error).message}`), {
      retriable: true,
      cause: error,
    });
  }
}
