import type { Pool } from 'pg';
import type { Fault } from '../test-target-faults';

/** What the test target received, and its fault switch. */
export class TestTarget {
  constructor(private readonly pool: Pool) {}

  /** Response ids received by an integration, in arrival order (a duplicate appears twice). */
  async received(integrationId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ response_id: string }>(
      'SELECT response_id FROM test_target_deliveries WHERE integration_id = $1 ORDER BY seq',
      [integrationId],
    );
    return rows.map((row) => row.response_id);
  }

  async count(integrationId: string): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>(
      'SELECT count(*) FROM test_target_deliveries WHERE integration_id = $1',
      [integrationId],
    );
    return Number(rows[0]!.count);
  }

  async setFault(
    integrationId: string,
    fault: Partial<Fault> & Pick<Fault, 'mode'>,
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO test_target_faults (integration_id, mode, reject_response_ids, retry_after_ms)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (integration_id) DO UPDATE SET mode = EXCLUDED.mode,
         reject_response_ids = EXCLUDED.reject_response_ids, retry_after_ms = EXCLUDED.retry_after_ms`,
      [integrationId, fault.mode, fault.rejectResponseIds ?? null, fault.retryAfterMs ?? null],
    );
  }

  async clearFault(integrationId: string): Promise<void> {
    await this.pool.query('DELETE FROM test_target_faults WHERE integration_id = $1', [
      integrationId,
    ]);
  }
}
