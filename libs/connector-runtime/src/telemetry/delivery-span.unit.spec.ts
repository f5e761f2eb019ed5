import { trace, type Context, type Span, type SpanOptions, type Tracer } from '@opentelemetry/api';
import { inDeliverySpan } from './delivery-span';

interface Started {
  readonly name: string;
  readonly options: SpanOptions;
  readonly parent: Context;
  ended: boolean;
}

/** A tracer that records what it is asked to start (the API's no-op one would record nothing). */
function recordingTracer(started: Started[]): Tracer {
  const startActiveSpan = (
    name: string,
    options: SpanOptions,
    parent: Context,
    fn: (span: Span) => unknown,
  ): unknown => {
    const record: Started = { name, options, parent, ended: false };
    started.push(record);
    const span = {
      end: () => (record.ended = true),
      setStatus: () => span,
    } as unknown as Span;
    return fn(span);
  };
  return { startActiveSpan, startSpan: () => undefined } as unknown as Tracer;
}

describe('delivery spans', () => {
  const started: Started[] = [];
  beforeAll(() => {
    trace.setGlobalTracerProvider({ getTracer: () => recordingTracer(started) });
  });

  it('continue the first response’s submission trace and link the others’', async () => {
    const first = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const second = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const result = await inDeliverySpan(
      {
        type: 'google-sheets',
        integrationId: 'i-1',
        partition: 3,
        firstOffset: 42n,
        traceparents: [first, undefined, second],
      },
      () => Promise.resolve('done'),
    );
    expect(result).toBe('done');
    const [span] = started;
    expect(span?.name).toBe('deliver google-sheets');
    expect(trace.getSpanContext(span!.parent)?.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(span?.options.links?.map((link) => link.context.traceId)).toEqual([
      '4bf92f3577b34da6a3ce929d0e0e4736',
    ]);
    expect(span?.options.attributes).toMatchObject({
      'integration.id': 'i-1',
      'messaging.batch.message_count': 3,
    });
    expect(span?.ended).toBe(true);
  });
});
