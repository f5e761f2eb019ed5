import type { IHeaders, KafkaMessage } from 'kafkajs';

export type DeadLetterReason =
  /** The value is not an event we can read (not Avro in our framing, unknown schema …). */
  | 'undecodable'
  /** An event, but not one this topic's projection handles. */
  | 'unknown_type'
  /** A well-formed event the read model cannot hold (bad id, answer shape, version gap …). */
  | 'invariant_violation';

/** An event of a batch that goes to the dead-letter topic instead of the read model. */
export interface DeadLetter {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
  readonly reason: DeadLetterReason;
  /** Why, without any value of the event (it may carry answers). */
  readonly detail: string;
}

export const deadLetterHeaderNames = {
  reason: 'dlq-reason',
  message: 'dlq-message',
  sourceTopic: 'dlq-source-topic',
  sourcePartition: 'dlq-source-partition',
  sourceOffset: 'dlq-source-offset',
  consumer: 'dlq-consumer',
  failedAt: 'dlq-failed-at',
} as const;

/**
 * The dead-letter record: the original key and value bytes and headers, plus where it came
 * from and why, so it can be inspected and redriven after a fix.
 */
export function deadLetterRecord(
  letter: DeadLetter,
  consumer: string,
  now: Date,
): { key: Buffer | null; value: Buffer | null; headers: IHeaders } {
  return {
    key: letter.message.key,
    value: letter.message.value,
    headers: {
      ...letter.message.headers,
      [deadLetterHeaderNames.reason]: letter.reason,
      [deadLetterHeaderNames.message]: letter.detail,
      [deadLetterHeaderNames.sourceTopic]: letter.topic,
      [deadLetterHeaderNames.sourcePartition]: String(letter.partition),
      [deadLetterHeaderNames.sourceOffset]: letter.message.offset,
      [deadLetterHeaderNames.consumer]: consumer,
      [deadLetterHeaderNames.failedAt]: now.toISOString(),
    },
  };
}
