import { Logger } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { ApiError } from '../http';

/**
 * The Postgres side of the integrations slice: the shared pool once the contract's migrations are
 * applied (see IntegrationsModule), and the one place where a pg failure becomes an ApiError:
 * anything that is not a statement the API got wrong is a 503 `database-unavailable`.
 */
export class IntegrationsDb {
  private readonly logger = new Logger('IntegrationsDb');

  constructor(
    readonly pool: Pool,
    private readonly retryAfterSeconds: number,
  ) {}

  async rows<Row extends object>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    try {
      return (await this.pool.query<Row>(sql, [...params])).rows;
    } catch (error) {
      throw this.converted(error);
    }
  }

  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws (an
   * ApiError from `work` passes through unchanged).
   */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.converted(error);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw this.converted(error);
    } finally {
      client.release(broken);
    }
  }

  private converted(error: unknown): unknown {
    if (error instanceof ApiError) return error;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^(22|23|42)/.test(code)) {
      // A data, constraint or syntax error is a bug in the API, not an outage: a 500 that logs.
      this.logger.error({ msg: 'an integrations statement failed', pgCode: code, err: error });
      return error;
    }
    return ApiError.unavailable(
      'database-unavailable',
      'the database is unavailable; nothing was changed, retry later',
      this.retryAfterSeconds,
      error,
    );
  }
}
