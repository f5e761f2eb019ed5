import { randomUUID } from 'node:crypto';
import { readMigrationFiles, runMigrations } from '@collect/database';
import { Pool } from 'pg';
import { postgresConnection, stackEnv } from '../../../test/support/stack-env';
import { integrationsMigrations, integrationsMigrationsTable } from './tables';

describe('integrations migrations and their SQL functions', () => {
  const env = stackEnv();
  const database = `collect_integrations_${Date.now().toString(36)}_${randomUUID().slice(0, 8)}`;
  let pool: Pool;

  beforeAll(async () => {
    const admin = new Pool({ ...postgresConnection(env), max: 1 });
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    pool = new Pool({ ...postgresConnection(env), database, max: 4 });
  });

  afterAll(async () => {
    await pool.end();
    const admin = new Pool({ ...postgresConnection(env), max: 1 });
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('applies once when the API and a connector start together', async () => {
    const applied = await Promise.all([
      runMigrations(pool, integrationsMigrations()),
      runMigrations(pool, integrationsMigrations()),
    ]);
    // Every file exactly once, between the two runners.
    const versions = readMigrationFiles(integrationsMigrations().directory).map((m) => m.version);
    expect(versions.length).toBeGreaterThanOrEqual(2);
    expect(applied.flat().sort((a, b) => a - b)).toEqual(versions);
    const { rows } = await pool.query<{ version: number }>(
      `SELECT version FROM ${integrationsMigrationsTable} ORDER BY version`,
    );
    expect(rows.map((row) => row.version)).toEqual(versions);
  });

  const topic = 'collect.responses.v1';

  async function deliver(
    integrationId: string,
    partition: number,
    offset: number,
    state = 'delivered',
  ) {
    const responseId = randomUUID();
    await pool.query(
      `INSERT INTO connector_deliveries VALUES ($1, $2, $3, 1, $4, $5, NULL, now())`,
      [integrationId, responseId, state, partition, offset],
    );
    return responseId;
  }

  async function cursors(integrationId: string): Promise<Record<number, string>> {
    const { rows } = await pool.query<{ partition: number; next_offset: string }>(
      'SELECT partition, next_offset FROM integration_cursors WHERE integration_id = $1',
      [integrationId],
    );
    return Object.fromEntries(rows.map((row) => [row.partition, row.next_offset]));
  }

  it('replay moves the cursors and clears exactly the ledger rows at or after them', async () => {
    const integrationId = randomUUID();
    await pool.query(
      `INSERT INTO integration_cursors VALUES ($1, $2, 0, 10), ($1, $2, 1, 20), ($1, $2, 2, 30)`,
      [integrationId, topic],
    );
    for (const offset of [3, 4, 5, 6]) await deliver(integrationId, 0, offset);
    for (const offset of [15, 16]) await deliver(integrationId, 1, offset);
    const other = randomUUID();
    await deliver(other, 0, 5);

    const { rows } = await pool.query<{ cleared: string }>(
      'SELECT replay_integration($1, $2, $3::int[], $4::bigint[]) AS cleared',
      [integrationId, topic, [0, 1], [5, 17]],
    );
    expect(rows[0]!.cleared).toBe('2');
    expect(await cursors(integrationId)).toEqual({ 0: '5', 1: '17', 2: '30' });
    const left = await pool.query(
      'SELECT source_offset FROM connector_deliveries WHERE integration_id = $1 ORDER BY 1',
      [integrationId],
    );
    expect(left.rows.map((row: { source_offset: string }) => row.source_offset)).toEqual([
      '3',
      '4',
      '15',
      '16',
    ]);
    const untouched = await pool.query(
      'SELECT 1 FROM connector_deliveries WHERE integration_id = $1',
      [other],
    );
    expect(untouched.rowCount).toBe(1);
  });

  it('redrive marks the dead letters, frees their ledger rows and moves the cursor back to the oldest', async () => {
    const integrationId = randomUUID();
    await pool.query(`INSERT INTO integration_cursors VALUES ($1, $2, 4, 100)`, [
      integrationId,
      topic,
    ]);
    const failed = [
      await deliver(integrationId, 4, 40, 'failed'),
      await deliver(integrationId, 4, 60, 'failed'),
    ];
    const kept = await deliver(integrationId, 4, 50);
    const deadLetterIds = [randomUUID(), randomUUID()];
    await pool.query(
      `INSERT INTO connector_dead_letters
         (dead_letter_id, integration_id, response_id, reason, source_topic, source_partition, source_offset, created_at)
       VALUES ($1, $3, $4, 'permanent_failure', $6, 4, 40, now()), ($2, $3, $5, 'permanent_failure', $6, 4, 60, now())`,
      [deadLetterIds[0], deadLetterIds[1], integrationId, failed[0], failed[1], topic],
    );

    const first = await pool.query<{ redriven: string }>(
      'SELECT redrive_dead_letters($1) AS redriven',
      [integrationId],
    );
    expect(first.rows[0]!.redriven).toBe('2');
    expect(await cursors(integrationId)).toEqual({ 4: '40' });
    const ledger = await pool.query<{ response_id: string }>(
      'SELECT response_id FROM connector_deliveries WHERE integration_id = $1',
      [integrationId],
    );
    expect(ledger.rows.map((row) => row.response_id)).toEqual([kept]);

    const again = await pool.query<{ redriven: string }>(
      'SELECT redrive_dead_letters($1, $2::uuid[]) AS redriven',
      [integrationId, deadLetterIds],
    );
    expect(again.rows[0]!.redriven).toBe('0');
  });
});
