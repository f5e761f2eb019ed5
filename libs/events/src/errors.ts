/**
 * The error family of the event contracts. Every error has a machine-readable `code` and says
 * whether retrying the same input can succeed (`retriable`); the foreign cause is kept in `cause`.
 */
export abstract class EventsError extends Error {
  abstract readonly code: string;
  abstract readonly retriable: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export type EventDecodeErrorCode =
  /** The value does not start with the Confluent magic byte and a schema id. */
  | 'not_confluent_wire_format'
  /** The registry does not know the schema id the value names. */
  | 'unknown_schema_id'
  /** The writer schema is not a record with a name this library knows. */
  | 'unknown_record_name'
  /** The writer schema is not one of ours and cannot be resolved into the current reader schema. */
  | 'incompatible_writer_schema'
  /** The bytes do not decode with their own writer schema. */
  | 'malformed_payload'
  /** An upcaster threw or produced a value the current schema rejects. */
  | 'upcast_failed';

/** A value that can never become an event by retrying: quarantine it (dead-letter), do not crash. */
export class EventDecodeError extends EventsError {
  readonly retriable = false;
  readonly schemaId: number | undefined;

  constructor(
    readonly code: EventDecodeErrorCode,
    message: string,
    options?: { cause?: unknown; schemaId?: number },
  ) {
    super(message, options);
    this.schemaId = options?.schemaId;
  }
}

export type EventEncodeErrorCode = 'unknown_event_type' | 'not_registered' | 'invalid_event';

/** A programmer error on the producing side: never retried. */
export class EventEncodeError extends EventsError {
  readonly retriable = false;

  constructor(
    readonly code: EventEncodeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type SchemaRegistryErrorCode =
  /** Network failure, timeout, 5xx or 429: retry with backoff. */
  | 'registry_unavailable'
  /**
   * Another client registered the same subject at the same moment and won the race to create
   * it (or its compatibility rule): registering is idempotent, so retrying succeeds.
   */
  | 'concurrent_registration'
  /** The registry refused the schema (incompatible with the subject's history, or invalid). */
  | 'schema_rejected'
  /** The subject exists with a compatibility level other than the one we require. */
  | 'compatibility_mismatch'
  /** Any other refusal (authentication, authorisation, bad request). */
  | 'registry_refused';

export class SchemaRegistryError extends EventsError {
  readonly retriable: boolean;
  readonly status: number | undefined;

  constructor(
    readonly code: SchemaRegistryErrorCode,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, options);
    this.retriable = code === 'registry_unavailable' || code === 'concurrent_registration';
    this.status = options?.status;
  }
}

export type TopicConfigurationErrorCode =
  'invalid_topic_name' | 'invalid_topic_settings' | 'partition_count_mismatch';

export class TopicConfigurationError extends EventsError {
  readonly retriable = false;

  constructor(
    readonly code: TopicConfigurationErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
