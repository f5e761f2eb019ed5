import { runMigrations } from '@collect/database';
import { integrationsMigrations } from '@collect/integrations';
import { Pool } from 'pg';
import { uniqueName } from '../../../../test/support/names';
import { postgresConnection, stackEnv } from '../../../../test/support/stack-env';
import { TokenBuckets } from './token-buckets';

describe('token buckets in Postgres', () => {
  const replicas = [0, 1].map(() => new Pool({ ...postgresConnection(stackEnv()), max: 3 }));

  beforeAll(() => runMigrations(replicas[0]!, integrationsMigrations()));
  afterAll(() => Promise.all(replicas.map((pool) => pool.end())));

  it('never grants more than the capacity plus the refill since, however many replicas take at once', async () => {
    const scope = uniqueName('bucket');
    const limit = { bucket: 'target', capacity: 10, refillPerSecond: 20, per: 'response' as const };
    const takers = replicas.map((pool) => new TokenBuckets(pool, scope));
    const started = Date.now();
    let granted = 0;
    await Promise.all(
      takers.flatMap((buckets) =>
        [0, 1, 2].map(async () => {
          while (Date.now() - started < 1_500) {
            const grant = await buckets.take([limit], 3);
            granted += grant.responses;
            if (grant.responses === 0) expect(grant.retryAfterMs).toBeGreaterThan(0);
          }
        }),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    expect(granted).toBeLessThanOrEqual(
      limit.capacity + Math.ceil(seconds * limit.refillPerSecond),
    );
    expect(granted).toBeGreaterThanOrEqual(
      limit.capacity + Math.floor(1.2 * limit.refillPerSecond),
    );
  });

  it('takes from every bucket of a delivery and refunds what a later, emptier bucket could not match', async () => {
    const scope = uniqueName('bucket');
    const buckets = new TokenBuckets(replicas[0]!, scope);
    const wide = {
      bucket: 'spreadsheet',
      capacity: 100,
      refillPerSecond: 0.001,
      per: 'response' as const,
    };
    const narrow = {
      bucket: 'credential',
      capacity: 4,
      refillPerSecond: 0.001,
      per: 'response' as const,
    };
    expect(await buckets.take([wide, narrow], 10)).toEqual({ responses: 4, retryAfterMs: 0 });
    expect((await buckets.take([wide], 100)).responses).toBe(96);
  });
});
