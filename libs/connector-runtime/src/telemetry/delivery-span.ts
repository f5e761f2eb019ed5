import { contextFromTraceparent } from '@collect/events';
import { SpanKind, SpanStatusCode, trace, type Link } from '@opentelemetry/api';

const tracer = trace.getTracer('collect.connector-runtime');
const maxLinks = 128;

export interface DeliverySpanInfo {
  readonly type: string;
  readonly integrationId: string;
  readonly partition: number;
  readonly firstOffset: bigint;
  readonly traceparents: ReadonlyArray<string | undefined>;
}

/**
 * Runs one integration's delivery inside a span that continues the first response's submission
 * trace (its `traceparent`) and links the others', so a response can be followed from the API
 * call to its target.
 */
export async function inDeliverySpan<T>(
  info: DeliverySpanInfo,
  work: () => Promise<T>,
): Promise<T> {
  const parents = info.traceparents.filter((tp): tp is string => tp !== undefined);
  const parent = contextFromTraceparent(parents[0]);
  const links: Link[] = parents.slice(1, maxLinks + 1).flatMap((tp) => {
    const spanContext = trace.getSpanContext(contextFromTraceparent(tp));
    return spanContext ? [{ context: spanContext }] : [];
  });
  return tracer.startActiveSpan(
    `deliver ${info.type}`,
    {
      kind: SpanKind.CONSUMER,
      links,
      attributes: {
        'connector.type': info.type,
        'integration.id': info.integrationId,
        'messaging.destination.partition.id': String(info.partition),
        'messaging.kafka.offset': Number(info.firstOffset),
        'messaging.batch.message_count': info.traceparents.length,
      },
    },
    parent,
    async (span) => {
      try {
        return await work();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
