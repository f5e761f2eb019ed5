import { runMigrations } from '@collect/database';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { postgresConnection, stackEnv } from '../../../../../test/support/stack-env';
import { uniqueName } from '../../../../../test/support/names';
import { IdempotencyStore, type Acquired, type ClaimRequest } from './idempotency-store';

let pool: Pool;
let store: IdempotencyStore;

beforeAll(async () => {
  pool = new Pool({ ...postgresConnection(stackEnv()), max: 4 });
  await runMigrations(pool, { directory: 'apps/api/migrations', table: 'api_schema_migrations' });
  store = new IdempotencyStore(pool, { leaseMs: 30_000, ttlMs: 60_000, waitMs: 2_000 });
});
afterAll(() => pool.end());

const request = (key: string, fingerprint = 'body-1'): ClaimRequest => ({
  key,
  fingerprint,
  responseId: randomUUID(),
  eventId: randomUUID(),
});

describe('IdempotencyStore with concurrent requests sharing statements', () => {
  it('claims 200 concurrent keys of two organisations once each, the same key in each organisation apart', async () => {
    const orgs = [uniqueName('org-a'), uniqueName('org-b')];
    const keys = Array.from({ length: 100 }, (_, i) => `key-${i}`);
    const statements = jest.spyOn(pool, 'query'); // calls through, counting
    const outcomes = await Promise.all(
      orgs.flatMap((orgId) => keys.map((key) => store.acquire(orgId, [request(key)]))),
    );
    const statementCount = statements.mock.calls.length;
    statements.mockRestore();

    expect(outcomes.map((acquired) => [...acquired.values()][0]?.kind)).toEqual(
      Array(200).fill('claimed'),
    );
    // Requests made together share statements: far fewer than one per request.
    expect(statementCount).toBeLessThan(20);
    const { rows } = await pool.query<{ org_id: string; n: string }>(
      'SELECT org_id, count(*) AS n FROM response_idempotency_keys WHERE org_id = ANY($1) GROUP BY org_id',
      [orgs],
    );
    expect(Object.fromEntries(rows.map((row) => [row.org_id, Number(row.n)]))).toEqual({
      [orgs[0]!]: 100,
      [orgs[1]!]: 100,
    });
  });

  it('gives one of two concurrent requests with the same key the claim, and the other its outcome once completed', async () => {
    const orgId = uniqueName('org');
    const first = store.acquire(orgId, [request('same')]);
    const second = store.acquire(orgId, [request('same')]);
    const winner = await Promise.race([first, second]);
    const claim = winner.get('same') as Acquired & { kind: 'claimed' };
    expect(claim.kind).toBe('claimed');
    const outcome = {
      responseId: claim.responseId,
      formId: randomUUID(),
      formVersion: 1,
      submittedAt: new Date().toISOString(),
      position: { topic: 't', partition: 0, offset: '1' },
    };
    await store.complete(orgId, [{ claim, outcome }]);
    const both = await Promise.all([first, second]);
    expect(both.map((acquired) => acquired.get('same')?.kind).sort()).toEqual([
      'claimed',
      'completed',
    ]);
    const loser = both.find((acquired) => acquired.get('same')?.kind === 'completed')!;
    expect(loser.get('same')).toMatchObject({ outcome: { responseId: claim.responseId } });
  });
});
