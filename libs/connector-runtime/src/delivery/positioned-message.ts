import type { ResponseSubmitted } from '@collect/events';
import type { KafkaMessage } from 'kafkajs';

/** A consumed message and where it came from (kept whole for the dead-letter topic). */
export interface PositionedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly timestamp: Date;
  /** The message key: the form id (undefined for a keyless message). */
  readonly formId: string | undefined;
  readonly message: KafkaMessage;
}

/** A message of a form some integration waits for, decoded or found to be poison. */
export type DecodedMessage =
  | {
      readonly kind: 'response';
      readonly position: PositionedMessage;
      readonly responseId: string;
      readonly response: ResponseSubmitted;
      readonly traceparent: string | undefined;
    }
  | {
      readonly kind: 'poison';
      readonly position: PositionedMessage;
      /** Derived from topic, partition and offset: the ledger needs an id. */
      readonly responseId: string;
      /** `undecodable: …`, `unknown_type: …`, `invalid_response: …` (never a value). */
      readonly reason: string;
    };

export function positioned(
  topic: string,
  partition: number,
  messages: readonly KafkaMessage[],
): PositionedMessage[] {
  return messages.map((message) => ({
    topic,
    partition,
    offset: BigInt(message.offset),
    timestamp: new Date(Number(message.timestamp)),
    formId: message.key?.toString('utf8'),
    message,
  }));
}
