import { ROOT_CONTEXT, trace, TraceFlags, type SpanContext } from '@opentelemetry/api';
import { exampleEvents } from '../testing/example-events';
import { eventHeaders, readEventHeaders } from './event-headers';
import { contextFromTraceparent } from './trace-context';

const spanContext: SpanContext = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: TraceFlags.SAMPLED,
};
const traced = trace.setSpanContext(ROOT_CONTEXT, spanContext);

describe('event headers', () => {
  it('carry type, id, schema version and content type', () => {
    expect(eventHeaders(exampleEvents.ResponseSubmitted, ROOT_CONTEXT)).toEqual({
      'event-type': 'ResponseSubmitted',
      'event-id': exampleEvents.ResponseSubmitted.eventId,
      'schema-version': '1',
      'content-type': 'application/vnd.confluent.avro',
    });
  });

  it('carry the W3C traceparent of the active span', () => {
    expect(eventHeaders(exampleEvents.FormCreated, traced).traceparent).toBe(
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    );
  });

  it('omit traceparent when no span is active', () => {
    expect(eventHeaders(exampleEvents.FormCreated, ROOT_CONTEXT)).not.toHaveProperty('traceparent');
  });

  it('read back from the Buffers a consumer receives', () => {
    const consumed = Object.fromEntries(
      Object.entries(eventHeaders(exampleEvents.FormClosed, traced)).map(([name, value]) => [
        name,
        Buffer.from(value),
      ]),
    );
    expect(readEventHeaders(consumed)).toEqual({
      eventType: 'FormClosed',
      eventId: exampleEvents.FormClosed.eventId,
      schemaVersion: 1,
      contentType: 'application/vnd.confluent.avro',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      tracestate: undefined,
    });
  });

  it('read as undefined when absent or unreadable', () => {
    expect(readEventHeaders(undefined)).toEqual({
      eventType: undefined,
      eventId: undefined,
      schemaVersion: undefined,
      contentType: undefined,
      traceparent: undefined,
      tracestate: undefined,
    });
    expect(readEventHeaders({ 'schema-version': 'two' }).schemaVersion).toBeUndefined();
    expect(readEventHeaders({ 'event-type': [Buffer.from('A'), Buffer.from('B')] }).eventType).toBe(
      'B',
    );
  });

  it('restore the producer span as the remote parent of the consumer', () => {
    const restored = trace.getSpanContext(
      contextFromTraceparent(
        '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        ROOT_CONTEXT,
      ),
    );
    expect(restored).toMatchObject({ ...spanContext, isRemote: true });
    expect(trace.getSpanContext(contextFromTraceparent('garbage', ROOT_CONTEXT))).toBeUndefined();
    expect(trace.getSpanContext(contextFromTraceparent(undefined, ROOT_CONTEXT))).toBeUndefined();
  });
});
