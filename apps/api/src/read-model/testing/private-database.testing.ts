import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { postgresConnection, stackEnv } from '../../../../../test/support/stack-env';

/** Test support: a database of its own in the shared Postgres, dropped at the end. Not a spec. */
export interface PrivateDatabase {
  readonly name: string;
  /** postgres:// URL without the password (as DATABASE_URL). */
  readonly url: string;
  readonly password: string;
  /** A pool on it, for seeding and checks. */
  readonly pool: Pool;
  drop(): Promise<void>;
}

/**
 * Read-side tests write rows straight into the read model; doing that in the shared `collect`
 * database would corrupt what the projector built there (and its rebuild comparisons), so each
 * suite gets a fresh database, named at random, in the same server.
 */
export async function createPrivateDatabase(prefix = 'collect_read'): Promise<PrivateDatabase> {
  const env = stackEnv();
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new Pool({ ...postgresConnection(env), max: 1 });
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(env.databaseUrl);
  url.pathname = `/${name}`;
  const pool = new Pool({ ...postgresConnection(env), database: name, max: 4 });
  return {
    name,
    url: url.toString(),
    password: env.databasePassword,
    pool,
    async drop() {
      await pool.end();
      const cleanup = new Pool({ ...postgresConnection(env), max: 1 });
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
