export type ProduceErrorCode =
  | 'kafka_unavailable'
  | 'delivery_timeout'
  | 'rejected_by_kafka'
  | 'unknown_position'
  | 'producer_closed';

/**
 * Why a message was not acknowledged. `retriable`: the same message may succeed later (Kafka
 * unreachable, timed out); otherwise Kafka refused it for good (too large, invalid topic).
 */
export class ProduceError extends Error {
  override readonly name = 'ProduceError';
  readonly retriable: boolean;

  constructor(
    readonly code: ProduceErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.retriable = code !== 'rejected_by_kafka';
  }
}

/** Kafka's refusals that retrying cannot fix: a bug or misconfiguration, not an outage. */
const permanentKafkaErrors = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TOPIC_EXCEPTION',
  'TOPIC_AUTHORIZATION_FAILED',
  'UNKNOWN_TOPIC_OR_PARTITION',
]);

function isPermanent(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth += 1) {
    const { type, cause: next } = cause as { type?: unknown; cause?: unknown };
    if (typeof type === 'string' && permanentKafkaErrors.has(type)) return true;
    cause = next;
  }
  return false;
}

/**
 * The one place kafkajs errors become ProduceErrors. Everything but a definite refusal counts as
 * unavailable (retriable): connection failures, retries exhausted, a disconnected producer.
 */
export function produceErrorFrom(error: unknown): ProduceError {
  if (error instanceof ProduceError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ProduceError(
    isPermanent(error) ? 'rejected_by_kafka' : 'kafka_unavailable',
    `Kafka did not acknowledge: ${message}`,
    { cause: error },
  );
}
