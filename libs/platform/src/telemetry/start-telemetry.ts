import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK, type NodeSDKConfiguration } from '@opentelemetry/sdk-node';

export interface TelemetryOptions {
  readonly serviceName: string;
  /** OTLP/HTTP base URL, e.g. http://otel-collector:4318. Unset: no exporters, no connections. */
  readonly otlpEndpoint: string | undefined;
  readonly metricExportIntervalMs?: number;
}

export interface Telemetry {
  readonly exporting: boolean;
  /** Flushes pending spans and metrics, then stops the SDK. Safe to call more than once. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK. Call it before Nest or any instrumented library is required
 * (apps do so from `instrumentation.ts`, main.ts's first import) so instrumentations can patch them.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  const sdk = new NodeSDK({ serviceName: options.serviceName, ...pipelines(options) });
  sdk.start();
  let stopping: Promise<void> | undefined;
  return {
    exporting: options.otlpEndpoint !== undefined,
    shutdown: () => (stopping ??= sdk.shutdown()),
  };
}

/**
 * Every pipeline is given explicitly: left unset, NodeSDK falls back to OTEL_*_EXPORTER, whose
 * default is OTLP to localhost:4318, and would try to connect even when nothing listens.
 */
function pipelines(
  options: TelemetryOptions,
): Partial<
  Pick<
    NodeSDKConfiguration,
    'traceExporter' | 'spanProcessors' | 'metricReaders' | 'logRecordProcessors'
  >
> {
  // Logs go to stdout as JSON (pino); only traces and metrics are exported.
  if (options.otlpEndpoint === undefined) {
    return { spanProcessors: [], metricReaders: [], logRecordProcessors: [] };
  }
  diag.setLogger(stderrDiagLogger, DiagLogLevel.WARN);
  const base = options.otlpEndpoint.replace(/\/+$/, '');
  return {
    traceExporter: new OTLPTraceExporter({ url: `${base}/v1/traces` }),
    metricReaders: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: `${base}/v1/metrics` }),
        exportIntervalMillis: options.metricExportIntervalMs ?? 15_000,
      }),
    ],
    logRecordProcessors: [],
  };
}

/** Export failures as JSON lines on stderr, like the rest of the logs (pino is not up yet). */
const stderrDiagLogger: DiagLogger = {
  error: (message, ...args) => writeDiag('error', message, args),
  warn: (message, ...args) => writeDiag('warn', message, args),
  info: (message, ...args) => writeDiag('info', message, args),
  debug: (message, ...args) => writeDiag('debug', message, args),
  verbose: (message, ...args) => writeDiag('trace', message, args),
};

function writeDiag(level: string, message: string, args: unknown[]): void {
  const detail = args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ');
  const line = {
    level,
    time: new Date().toISOString(),
    context: 'opentelemetry',
    msg: detail ? `${message} ${detail}` : message,
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}
