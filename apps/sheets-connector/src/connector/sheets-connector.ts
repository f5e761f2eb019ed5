import type { Connector, RateLimit } from '@collect/connector-runtime';
import { runMigrations } from '@collect/database';
import type { Pool } from 'pg';
import { SheetsConnectorError } from '../sheets/sheets-connector-error';
import type { FormTitles } from '../forms/forms-catalogue';
import type { SheetWriter } from '../writer/sheet-writer';
import { outcomesOf } from './outcomes';
import { sheetsRateLimits, type WriteBudgets } from './sheets-rate-limits';
import { sheetTargetConfigSchema, type SheetTargetConfig } from './sheet-target-config';

export interface SheetsConnectorOptions {
  readonly type?: string;
  readonly pool: Pool;
  readonly migrationsDir: string;
  readonly writer: SheetWriter;
  /**
   * Current question titles per form (the forms catalogue), started and stopped with the
   * connector. Unset: none known, headers keep configured titles, else the last ones, else ids.
   */
  readonly titles?: FormTitles;
  readonly budgets: WriteBudgets;
  readonly maxBatchSize?: number;
}

/**
 * The Google Sheets connector: each integration appends its form's responses as rows to one tab.
 * Not idempotent (an append twice is two rows); after a crash or an ambiguous append it
 * reconciles by reading the tab's tail for the claimed responseIds.
 */
export function sheetsConnector(options: SheetsConnectorOptions): Connector<SheetTargetConfig> {
  const { writer, titles = noTitles } = options;
  let stopped = false;
  return {
    type: options.type ?? 'google-sheets',
    description: 'Appends each response as a row of a Google Sheets tab (one column per question).',
    configSchema: sheetTargetConfigSchema,
    idempotent: false,
    maxBatchSize: options.maxBatchSize ?? 500,
    callTimeoutMs: 60_000,

    async start() {
      await runMigrations(options.pool, {
        directory: options.migrationsDir,
        table: 'sheets_connector_schema_migrations',
      });
      await titles.start?.();
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      await titles.stop?.();
      await options.pool.end();
    },

    async deliver(target, responses, _signal, report) {
      const formVersion = Math.max(0, ...responses.map((r) => r.response.formVersion));
      const result = await writer.write(
        target.config,
        responses.map((r) => r.response),
        await titles.titlesFor(target.formId, formVersion),
      );
      if (result.note) report.note(result.note);
      return outcomesOf(responses, result);
    },

    async reconcile(target, claimed) {
      try {
        return await writer.recognise(
          target.config,
          claimed.map((r) => r.response.responseId),
        );
      } catch (error) {
        throw waitingOn(error);
      }
    },

    rateLimits(target): readonly RateLimit[] {
      return sheetsRateLimits(target.config.spreadsheetId, options.budgets);
    },
  };
}

const noTitles: FormTitles = { titlesFor: () => Promise.resolve(new Map()) };

/**
 * A reconcile that cannot read the sheet because of a permanent cause (access revoked, deleted)
 * must wait like a delivery does, not stop the consumer: the runtime retries retriable throws.
 */
function waitingOn(error: unknown): unknown {
  if (!(error instanceof SheetsConnectorError) || !error.permanent) return error;
  return new SheetsConnectorError('unavailable', `permanent: ${error.code}: ${error.message}`, {
    cause: error,
  });
}
