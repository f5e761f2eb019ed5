import {
  context as otelContext,
  isSpanContextValid,
  propagation,
  trace,
  TraceFlags,
  type Context,
} from '@opentelemetry/api';

/** `traceparent` (and `tracestate`) as strings, or none: a trace that can cross a thread boundary. */
export type TraceHeaders = Readonly<Record<string, string>>;

/** Tells trace headers from an OpenTelemetry Context (which carries its values behind methods). */
export function isTraceHeaders(value: Context | TraceHeaders): value is TraceHeaders {
  return typeof (value as Partial<Context>).getValue !== 'function';
}

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * `traceparent` (and `tracestate`) of the span active in `context`, or nothing when none is.
 * Uses the registered propagator, falling back to formatting the span context itself when the
 * app registered none (W3C is what the architecture promises on the wire either way).
 */
export function traceHeaders(context: Context = otelContext.active()): TraceHeaders {
  const spanContext = trace.getSpanContext(context);
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  const carrier: Record<string, string> = {};
  propagation.inject(context, carrier);
  const flags = (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0');
  const headers: Record<string, string> = {
    traceparent: carrier.traceparent ?? `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`,
  };
  const tracestate = carrier.tracestate ?? spanContext.traceState?.serialize();
  if (tracestate) headers.tracestate = tracestate;
  return headers;
}

/** The remote parent carried by a `traceparent`, for a consumer to start its span under. */
export function contextFromTraceparent(
  traceparent: string | undefined,
  base: Context = otelContext.active(),
): Context {
  if (!traceparent) return base;
  const extracted = propagation.extract(base, { traceparent });
  if (trace.getSpanContext(extracted) !== trace.getSpanContext(base)) return extracted;
  const match = traceparentPattern.exec(traceparent);
  if (!match) return base;
  const spanContext = {
    traceId: match[1]!,
    spanId: match[2]!,
    traceFlags: parseInt(match[3]!, 16) & TraceFlags.SAMPLED,
    isRemote: true,
  };
  return isSpanContextValid(spanContext) ? trace.setSpanContext(base, spanContext) : base;
}
