import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ReadinessService, type ReadinessProbe } from '@collect/platform';
import { Pool } from 'pg';

/** Ready when the pool can run `SELECT 1`. */
@Injectable()
export class PostgresReadinessProbe implements ReadinessProbe, OnModuleInit {
  readonly name = 'postgres';
  readonly timeoutMs = 2_000;

  constructor(
    private readonly pool: Pool,
    private readonly readiness: ReadinessService,
  ) {}

  onModuleInit(): void {
    this.readiness.register(this);
  }

  async check(): Promise<void> {
    // query_timeout releases the client even if the probe's caller has already given up.
    await this.pool.query({ text: 'SELECT 1', query_timeout: this.timeoutMs } as { text: string });
  }
}
