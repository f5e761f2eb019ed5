import {
  integrationEventContentType,
  integrationEventTypes,
  type IntegrationEvent,
} from './integration-events';

/** A value on `collect.integrations.v1` that is not an integration event. Never retriable. */
export class IntegrationEventDecodeError extends Error {
  readonly code = 'malformed_integration_event';
  readonly retriable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IntegrationEventDecodeError';
  }
}

export interface IntegrationEventMessage {
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Record<string, string>;
}

/**
 * The Kafka message of an event (key = formId). Pass the trace headers of the command
 * (`traceHeaders()` from `@collect/events`) so connectors continue its trace.
 */
export function integrationEventMessage(
  event: IntegrationEvent,
  traceHeaders: Readonly<Record<string, string>> = {},
): IntegrationEventMessage {
  return {
    key: event.formId,
    value: Buffer.from(JSON.stringify(event), 'utf8'),
    headers: {
      'event-type': event.type,
      'event-id': event.eventId,
      'content-type': integrationEventContentType,
      ...traceHeaders,
    },
  };
}

const requiredStrings = [
  'eventId',
  'integrationId',
  'formId',
  'orgId',
  'connectorType',
  'occurredAt',
] as const;

/** Parses a consumed value; throws `IntegrationEventDecodeError` for anything else. */
export function parseIntegrationEvent(value: Buffer | string | null): IntegrationEvent {
  if (value === null) throw new IntegrationEventDecodeError('empty value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (error) {
    throw new IntegrationEventDecodeError('value is not JSON', { cause: error });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new IntegrationEventDecodeError('value is not a JSON object');
  }
  const record = parsed as Record<string, unknown>;
  if (!integrationEventTypes.includes(record.type as IntegrationEvent['type'])) {
    throw new IntegrationEventDecodeError(`unknown type ${JSON.stringify(record.type)}`);
  }
  if (record.schemaVersion !== 1) {
    throw new IntegrationEventDecodeError(
      `unknown schemaVersion ${JSON.stringify(record.schemaVersion)}`,
    );
  }
  const missing = requiredStrings.filter((field) => typeof record[field] !== 'string');
  if (missing.length > 0 || !Number.isInteger(record.version)) {
    throw new IntegrationEventDecodeError(
      `missing or malformed ${[...missing, ...(Number.isInteger(record.version) ? [] : ['version'])].join(', ')}`,
    );
  }
  return record as unknown as IntegrationEvent;
}
