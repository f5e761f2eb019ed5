import { Injectable } from '@nestjs/common';
import { Pool, type QueryResultRow } from 'pg';
import { readModelError } from './read-model-error';

/**
 * Queries over the stable `read_model.*` views (never a generation schema), each on a pooled
 * connection held only for that statement. Postgres failures leave as the API's errors.
 */
@Injectable()
export class ReadModelDb {
  constructor(private readonly pool: Pool) {}

  async rows<Row extends QueryResultRow>(sql: string, values: readonly unknown[]): Promise<Row[]> {
    try {
      return (await this.pool.query<Row>(sql, [...values])).rows;
    } catch (error) {
      throw readModelError(error);
    }
  }
}
