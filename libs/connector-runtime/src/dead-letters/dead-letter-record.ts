import type { IHeaders } from 'kafkajs';
import type { PositionedMessage } from '../delivery/positioned-message';

/** A response one integration can never get: what goes to `collect.dlq.<type>`. */
export interface DeadLetter {
  readonly integrationId: string;
  readonly responseId: string;
  readonly position: PositionedMessage;
  /** `code: detail`, never an answer value. */
  readonly reason: string;
}

export const deadLetterHeaderNames = {
  reason: 'dlq-reason',
  integrationId: 'dlq-integration-id',
  responseId: 'dlq-response-id',
  sourceTopic: 'dlq-source-topic',
  sourcePartition: 'dlq-source-partition',
  sourceOffset: 'dlq-source-offset',
  consumer: 'dlq-consumer',
  failedAt: 'dlq-failed-at',
} as const;

/** The original key, value and headers, plus why, for whom and from where. */
export function deadLetterRecord(
  letter: DeadLetter,
  consumer: string,
  now: Date,
): { key: Buffer | null; value: Buffer | null; headers: IHeaders } {
  const { message } = letter.position;
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [deadLetterHeaderNames.reason]: letter.reason,
      [deadLetterHeaderNames.integrationId]: letter.integrationId,
      [deadLetterHeaderNames.responseId]: letter.responseId,
      [deadLetterHeaderNames.sourceTopic]: letter.position.topic,
      [deadLetterHeaderNames.sourcePartition]: String(letter.position.partition),
      [deadLetterHeaderNames.sourceOffset]: String(letter.position.offset),
      [deadLetterHeaderNames.consumer]: consumer,
      [deadLetterHeaderNames.failedAt]: now.toISOString(),
    },
  };
}
