import type { DeliverableResponse, DeliveryOutcome } from '@collect/connector-runtime';
import type { WriteResult } from '../writer/sheet-writer';

/**
 * What the runtime hears from one write: delivered for every appended row; after a stop,
 * `retry-later` for the rest (quota, 5xx, and permanent causes too, so the integration turns
 * failing and its responses wait instead of being dead-lettered), or no outcome at all when the
 * stopping append may have landed (the runtime then reconciles against the sheet's tail).
 * A stop that is neither retriable nor permanent is a bug: it is thrown.
 */
export function outcomesOf(
  responses: readonly DeliverableResponse[],
  result: WriteResult,
): DeliveryOutcome[] {
  const appended = new Set(result.appended);
  const outcomes: DeliveryOutcome[] = responses
    .filter((r) => appended.has(r.response.responseId))
    .map((r) => ({ responseId: r.response.responseId, status: 'delivered' }));
  const error = result.stoppedBy;
  if (!error && result.continuesLater) {
    for (const r of responses) {
      if (appended.has(r.response.responseId)) continue;
      outcomes.push({
        responseId: r.response.responseId,
        status: 'retry-later',
        reason: `continues in the next write request: ${result.continuesLater}`,
        retryAfterMs: 0,
      });
    }
    return outcomes;
  }
  if (!error || result.ambiguous) return outcomes;
  const rollOver = error.code === 'cell_limit_exceeded';
  if (!error.retriable && !error.permanent && !rollOver) throw error;
  const reason = error.permanent
    ? `permanent: ${error.code}: ${error.message} (fix the spreadsheet or its sharing; delivery resumes by itself)`
    : `${error.code}: ${error.message}`;
  for (const r of responses) {
    if (appended.has(r.response.responseId)) continue;
    outcomes.push({
      responseId: r.response.responseId,
      status: 'retry-later',
      reason,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    });
  }
  return outcomes;
}
