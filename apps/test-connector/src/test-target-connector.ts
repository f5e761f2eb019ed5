import { setTimeout as sleep } from 'node:timers/promises';
import { runMigrations } from '@collect/database';
import type {
  Connector,
  DeliverableResponse,
  DeliveryOutcome,
  DeliveryTarget,
  RateLimit,
} from '@collect/connector-runtime';
import type { Pool } from 'pg';
import { testTargetConfigSchema, type TestTargetConfig } from './test-target-config';
import { readFault, type Fault } from './test-target-faults';

export interface TestTargetOptions {
  readonly type: string;
  /** The "third-party API": tables in Postgres (see migrations/). */
  readonly pool: Pool;
  readonly migrationsDir: string;
}

/**
 * A connector written only against the contract. Its target is the `test_target_deliveries`
 * table, which records every delivery it receives (so tests can count duplicates), and which a
 * test can make fail through `test_target_faults`. Not idempotent (like an SMS gateway); after a
 * crash it reconciles against what the target holds.
 */
export function testTargetConnector(options: TestTargetOptions): Connector<TestTargetConfig> {
  const { pool } = options;
  return {
    type: options.type,
    description: 'Delivers responses to the test target (a table that counts deliveries).',
    configSchema: testTargetConfigSchema,
    secretPaths: ['/authToken'],
    idempotent: false,
    maxBatchSize: 200,
    callTimeoutMs: 10_000,

    async start() {
      await runMigrations(pool, {
        directory: options.migrationsDir,
        table: 'test_target_schema_migrations',
      });
    },

    async stop() {
      await pool.end();
    },

    async deliver(target, responses) {
      const fault = await readFault(pool, target.integrationId);
      const refused = refusals(fault, responses);
      if (refused) return refused;
      const rejected = new Set(
        fault?.mode === 'reject' ? (fault.rejectResponseIds ?? ids(responses)) : [],
      );
      const accepted = responses.filter((r) => !rejected.has(r.response.responseId));
      const latencyMs = target.config.latencyMs ?? 0;
      if (latencyMs > 0) await sleep(latencyMs / 2);
      await receive(pool, target, accepted);
      if (latencyMs > 0) await sleep(latencyMs / 2);
      return responses.map((r): DeliveryOutcome =>
        rejected.has(r.response.responseId)
          ? {
              responseId: r.response.responseId,
              status: 'failed',
              reason: 'rejected by the test target (400)',
            }
          : { responseId: r.response.responseId, status: 'delivered' },
      );
    },

    async reconcile(target, claimed) {
      const { rows } = await pool.query<{ response_id: string }>(
        `SELECT DISTINCT response_id FROM test_target_deliveries
          WHERE integration_id = $1 AND response_id = ANY($2::uuid[])`,
        [target.integrationId, ids(claimed)],
      );
      return rows.map((row) => row.response_id);
    },

    rateLimits(target): readonly RateLimit[] {
      const { responsesPerSecond: perSecond, credential } = target.config;
      if (!perSecond) return [];
      const bucket = credential ? `credential:${credential}` : `target:${target.integrationId}`;
      return [{ bucket, capacity: perSecond, refillPerSecond: perSecond, per: 'response' }];
    },
  };
}

function ids(responses: readonly DeliverableResponse[]): string[] {
  return responses.map((r) => r.response.responseId);
}

/** Faults that refuse the whole call. */
function refusals(
  fault: Fault | undefined,
  responses: readonly DeliverableResponse[],
): DeliveryOutcome[] | undefined {
  switch (fault?.mode) {
    case 'unreachable':
      throw Object.assign(new Error('test target unreachable (connection refused)'), {
        retriable: true,
      });
    case 'unavailable':
    case 'rate-limited':
      return responses.map((r) => ({
        responseId: r.response.responseId,
        status: 'retry-later',
        reason:
          fault.mode === 'unavailable'
            ? 'test target unavailable (503)'
            : 'test target rate limit (429)',
        ...(fault.retryAfterMs !== null ? { retryAfterMs: fault.retryAfterMs } : {}),
      }));
    default:
      return undefined;
  }
}

/** The target "receives" the responses: one row each, in one statement (all land or none). */
async function receive(
  pool: Pool,
  target: DeliveryTarget<TestTargetConfig>,
  responses: readonly DeliverableResponse[],
): Promise<void> {
  if (responses.length === 0) return;
  try {
    await pool.query(
      `INSERT INTO test_target_deliveries (integration_id, response_id, form_id, source_partition, source_offset)
       SELECT $1, r, $2, p, o FROM unnest($3::uuid[], $4::int[], $5::bigint[]) AS t(r, p, o)`,
      [
        target.integrationId,
        target.formId,
        ids(responses),
        responses.map((r) => r.partition),
        responses.map((r) => String(r.offset)),
      ],
    );
  } catch (error) {
    // Like a network failure: the runtime cannot know whether it landed, so it reconciles.
    throw Object.assign(new Error(`test target write failed: ${(error as Error).message}`), {
      retriable: true,
      cause: error,
    });
  }
}
