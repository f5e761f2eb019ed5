import { context as otelContext, type Context } from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';
import type { CollectEvent } from '../collect-event';
import { schemaVersionOf } from '../contracts/collect-contracts';
import { isTraceHeaders, traceHeaders, type TraceHeaders } from './trace-context';

export const eventHeaderNames = {
  eventType: 'event-type',
  eventId: 'event-id',
  schemaVersion: 'schema-version',
  contentType: 'content-type',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

/** Avro binary behind the Confluent framing (magic byte + schema id). */
export const eventContentType = 'application/vnd.confluent.avro';

/**
 * Headers of an event's Kafka message. They repeat what the value says, so routers, dead-letter
 * tooling and traces can use them without decoding; the value stays the source of truth. The
 * trace comes from `context`, or is given as headers `traceHeaders` read earlier (say, on the
 * thread that handled the request, when another thread encodes the event).
 */
export function eventHeaders(
  event: CollectEvent,
  context: Context | TraceHeaders = otelContext.active(),
): Record<string, string> {
  return {
    [eventHeaderNames.eventType]: event.type,
    [eventHeaderNames.eventId]: event.eventId,
    [eventHeaderNames.schemaVersion]: String(schemaVersionOf(event.type)),
    [eventHeaderNames.contentType]: eventContentType,
    ...(isTraceHeaders(context) ? context : traceHeaders(context)),
  };
}

export interface EventHeaderValues {
  readonly eventType: string | undefined;
  readonly eventId: string | undefined;
  readonly schemaVersion: number | undefined;
  readonly contentType: string | undefined;
  readonly traceparent: string | undefined;
  readonly tracestate: string | undefined;
}

/** Reads our headers from a consumed message; absent or unreadable ones are undefined. */
export function readEventHeaders(headers: IHeaders | undefined): EventHeaderValues {
  const read = (name: string): string | undefined => headerString(headers?.[name]);
  const schemaVersion = Number(read(eventHeaderNames.schemaVersion));
  return {
    eventType: read(eventHeaderNames.eventType),
    eventId: read(eventHeaderNames.eventId),
    schemaVersion: Number.isInteger(schemaVersion) && schemaVersion > 0 ? schemaVersion : undefined,
    contentType: read(eventHeaderNames.contentType),
    traceparent: read(eventHeaderNames.traceparent),
    tracestate: read(eventHeaderNames.tracestate),
  };
}

function headerString(value: IHeaders[string]): string | undefined {
  // kafkajs hands consumed headers over as Buffers; a repeated header arrives as an array: take the last.
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  if (last === undefined) return undefined;
  return typeof last === 'string' ? last : last.toString('utf8');
}
