import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import type { DatabaseOptions } from './database-options';

export function createPool(options: DatabaseOptions, logger: Logger): Pool {
  const password = options.password;
  const pool = new Pool({
    // Parsed here rather than passed as `connectionString`: pg would let the URL's (empty)
    // password override the one below.
    ...parseIntoClientConfig(options.connectionString),
    // A function, so the plain password never sits in the pool's options object.
    password: password ? () => password.reveal() : undefined,
    application_name: options.applicationName,
    max: options.maxConnections ?? 5,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: options.idleTimeoutMs ?? 30_000,
  });
  // An idle client losing its connection (Postgres restart) emits here; unhandled it would crash
  // the process. The pool discards that client and the next query opens a new connection.
  pool.on('error', (error) =>
    logger.warn({ msg: 'idle Postgres connection failed; it will be replaced', err: error }),
  );
  return pool;
}
