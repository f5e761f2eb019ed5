import { randomUUID } from 'node:crypto';
import type { Logger } from '@nestjs/common';
import type { DeadLetterPublisher } from '../dead-letters/dead-letter-publisher';
import type { RuntimeMetrics } from '../telemetry/runtime-metrics';
import type { ServedIntegration } from './delivery-round';

/**
 * Writes a round's dead letters to Kafka (before its transaction commits), notes each one's
 * DLQ offset for `connector_dead_letters`, and reports the round in metrics and logs (ids and
 * positions only, never a value).
 */
export async function deadLetterAndReport(
  settled: readonly ServedIntegration[],
  deadLetters: DeadLetterPublisher,
  metrics: RuntimeMetrics,
  logger: Logger,
): Promise<ServedIntegration[]> {
  const letters = settled.flatMap((s) =>
    s.settlement.failed.map(({ message, reason }) => ({
      integrationId: s.integrationId,
      responseId: message.responseId,
      position: message.position,
      reason,
    })),
  );
  const dlqOffsets = await deadLetters.publish(letters);
  let index = 0;
  return settled.map((s) => {
    const rows = s.settlement.failed.map(({ message, reason }) => ({
      deadLetterId: randomUUID(),
      responseId: message.responseId,
      reason,
      sourceOffset: message.position.offset,
      dlqOffset: dlqOffsets[index++] ?? null,
    }));
    const result = { ...s, deadLetters: rows };
    report(result, metrics, logger);
    return result;
  });
}

function report(s: ServedIntegration, metrics: RuntimeMetrics, logger: Logger): void {
  metrics.delivered(s.integrationId, s.settlement.delivered.length);
  metrics.retried(s.integrationId, s.settlement.waiting);
  for (const row of s.deadLetters) {
    metrics.deadLettered(s.integrationId, row.reason);
    logger.warn({
      msg: 'dead-lettered a response for an integration',
      integrationId: s.integrationId,
      responseId: row.responseId,
      reason: row.reason,
      topic: s.topic,
      partition: s.partition,
      offset: String(row.sourceOffset),
    });
  }
  if (!s.settlement.complete) {
    logger.warn({
      msg: 'an integration could not take every response now; it is retried with backoff',
      integrationId: s.integrationId,
      waiting: s.settlement.waiting,
      reason: s.settlement.lastError,
      topic: s.topic,
      partition: s.partition,
      cursor: String(s.settlement.nextCursor),
    });
  }
}
