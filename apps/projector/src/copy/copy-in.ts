import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Runs `COPY <target> FROM STDIN` with `rows` (COPY text format) on the caller's connection,
 * inside its transaction; resolves with the number of rows Postgres stored.
 */
export async function copyIn(client: PoolClient, target: string, rows: string): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    stream.end(rows);
  });
  return stream.rowCount;
}
