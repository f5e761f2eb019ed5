import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { host, localPostgres } from '../../tools/stack/src/layout';
import { freePort } from '../../tools/stack/src/ports';
import { PostgresInstance } from '../../tools/stack/src/postgres';

/**
 * A throwaway Postgres for tests that stop it: outages never touch the shared stack other tests
 * run against. `connection` describes it field by field (see stack-env.ts for why).
 */
export async function startPrivatePostgres(): Promise<{
  postgres: PostgresInstance;
  connection: { host: string; port: number; user: string; password: string; database: string };
  dispose: () => Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'collect-postgres-'));
  const port = await freePort();
  const postgres = new PostgresInstance({ dir, port, logFile: join(dir, 'postgres.log') });
  await postgres.start();
  await postgres.ensureDatabase(localPostgres.database);
  return {
    postgres,
    connection: {
      host,
      port,
      user: localPostgres.user,
      password: localPostgres.password,
      database: localPostgres.database,
    },
    dispose: async () => {
      await postgres.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
