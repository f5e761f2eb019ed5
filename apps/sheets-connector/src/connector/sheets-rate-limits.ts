import { createHash } from 'node:crypto';
import type { RateLimit } from '@collect/connector-runtime';

/** Write budgets in requests per minute (Google: 60 per user, 300 per project). */
export interface WriteBudgets {
  readonly perSpreadsheetPerMinute: number;
  readonly perUserPerMinute: number;
  readonly perProjectPerMinute: number;
  /** Identifies the credential (e.g. its key file path and API root); hashed, never a secret. */
  readonly credential: string;
}

/**
 * The token buckets one delivery (one write request: see SheetWriter) draws from: its
 * spreadsheet, the service account (Google's per-user quota) and the project. Shared by every
 * replica through the runtime. Bursts are bounded to two seconds of a minute's budget.
 */
export function sheetsRateLimits(spreadsheetId: string, budgets: WriteBudgets): RateLimit[] {
  const account = createHash('sha256').update(budgets.credential).digest('hex').slice(0, 16);
  return [
    bucket(`spreadsheet:${spreadsheetId}`, budgets.perSpreadsheetPerMinute),
    bucket(`user:${account}`, budgets.perUserPerMinute),
    bucket(`project:${account}`, budgets.perProjectPerMinute),
  ];
}

/**
 * Burst plus a minute's refill stays within `perMinute`, so no rolling minute sees more. The
 * burst is what a saturated connector gives up for good (it sustains `perMinute - capacity`), so
 * it is small: two seconds' worth (at 60/min: bursts of 2, 58 writes/min sustained).
 */
export function bucket(name: string, perMinute: number): RateLimit {
  const capacity = Math.max(1, Math.ceil(perMinute / 30));
  return {
    bucket: name,
    capacity,
    refillPerSecond: Math.max(perMinute - capacity, 1) / 60,
    per: 'call',
  };
}
