import type { Integration, IntegrationStatus } from '@collect/integrations';
import { redactedValue, redactSecrets } from '@collect/integrations';
import type { IntegrationStatusView, IntegrationView } from './integration-views';

/**
 * An integration as the API shows it: secrets redacted with its type's secret paths; when those
 * are unknown (the type is no longer registered) every top-level value is redacted instead, so a
 * secret never leaks. `status` is the runtime's report, or `pending` before it has written one.
 */
export function integrationViewOf(
  integration: Integration,
  secretPaths: readonly string[] | undefined,
  status: IntegrationStatus | undefined,
  now: Date,
): IntegrationView {
  return {
    integrationId: integration.integrationId,
    formId: integration.formId,
    type: integration.type,
    name: integration.name,
    config: redactedConfig(integration.config, secretPaths),
    state: integration.state,
    version: integration.version,
    backfill: integration.backfill,
    attachedAt: integration.attachedAt.toISOString(),
    updatedAt: integration.updatedAt.toISOString(),
    detachedAt: integration.detachedAt?.toISOString() ?? null,
    status: status ? statusView(status, integration.updatedAt, now) : pendingStatus,
  };
}

export function redactedConfig(
  config: Readonly<Record<string, unknown>>,
  secretPaths: readonly string[] | undefined,
): Record<string, unknown> {
  if (secretPaths === undefined) {
    return Object.fromEntries(Object.keys(config).map((key) => [key, redactedValue]));
  }
  return redactSecrets({ ...config }, secretPaths);
}

/** Before the runtime has reported on an integration. */
export const pendingStatus: IntegrationStatusView = {
  state: 'pending',
  deliveredCount: 0,
  deadLetteredCount: 0,
  lag: null,
  oldestUndeliveredAt: null,
  oldestUndeliveredAgeSeconds: null,
  lastError: null,
  lastErrorAt: null,
  backfill: null,
  note: null,
  noteAt: null,
  updatedAt: null,
};

/**
 * The runtime's report. The backfill ETA assumes progress began at the integration's last change
 * (its attach or replay) and keeps the rate since then: an estimate, null until some is done.
 */
export function statusView(
  status: IntegrationStatus,
  progressSince: Date,
  now: Date,
): IntegrationStatusView {
  const oldest = status.oldestUndeliveredAt;
  return {
    state: status.state,
    deliveredCount: Number(status.deliveredCount),
    deadLetteredCount: Number(status.deadLetteredCount),
    lag: status.lag === null ? null : Number(status.lag),
    oldestUndeliveredAt: oldest?.toISOString() ?? null,
    oldestUndeliveredAgeSeconds:
      oldest === null ? null : Math.max(0, (now.getTime() - oldest.getTime()) / 1000),
    lastError: status.lastError,
    lastErrorAt: status.lastErrorAt?.toISOString() ?? null,
    backfill: backfillProgress(status, progressSince),
    note: status.note,
    noteAt: status.noteAt?.toISOString() ?? null,
    updatedAt: status.updatedAt.toISOString(),
  };
}

function backfillProgress(
  status: IntegrationStatus,
  progressSince: Date,
): IntegrationStatusView['backfill'] {
  if (status.backfillDone === null || status.backfillTotal === null) return null;
  const done = Number(status.backfillDone);
  const total = Number(status.backfillTotal);
  const percent = total === 0 ? 100 : Math.min(100, (done / total) * 100);
  const elapsedSeconds = (status.updatedAt.getTime() - progressSince.getTime()) / 1000;
  let etaSeconds: number | null = null;
  if (done >= total) etaSeconds = 0;
  else if (done > 0 && elapsedSeconds > 0) etaSeconds = ((total - done) * elapsedSeconds) / done;
  return { done, total, percent: Math.round(percent * 10) / 10, etaSeconds };
}
