import { defineConfig } from './define-config';
import {
  durationMs,
  hostPortList,
  httpUrl,
  logLevel,
  nonEmptyString,
  postgresUrlWithoutPassword,
  tcpPort,
} from './parsers';
import { envVar } from './variable';

/**
 * The variables every Collect service reads: where Kafka, the schema registry and Postgres are,
 * how it serves HTTP, logs, traces and stops. Apps spread these into their own spec and add theirs.
 */
export function serviceVariables(serviceName: string, defaultPort: number) {
  return defineConfig({
    kafkaBrokers: envVar.required({
      env: 'KAFKA_BROKERS',
      schema: hostPortList,
      description: 'comma-separated host:port list, e.g. 127.0.0.1:29092',
    }),
    kafkaClientId: envVar.withDefault({
      env: 'KAFKA_CLIENT_ID',
      default: serviceName,
      schema: nonEmptyString,
      description: 'client id sent to Kafka with every request',
    }),
    schemaRegistryUrl: envVar.required({
      env: 'SCHEMA_REGISTRY_URL',
      schema: httpUrl,
      description:
        'Confluent-compatible schema registry base URL, e.g. http://127.0.0.1:28081/apis/ccompat/v7',
    }),
    databaseUrl: envVar.required({
      env: 'DATABASE_URL',
      schema: postgresUrlWithoutPassword,
      description:
        'postgres:// URL without a password, e.g. postgres://collect@127.0.0.1:25432/collect',
    }),
    databasePassword: envVar.optionalSecret({
      env: 'DATABASE_PASSWORD',
      description: 'Postgres password; or DATABASE_PASSWORD_FILE naming a file that holds it',
    }),
    host: envVar.withDefault({
      env: 'HOST',
      default: '0.0.0.0',
      schema: nonEmptyString,
      description: 'interface the HTTP server binds to',
    }),
    port: envVar.withDefault({
      env: 'PORT',
      default: String(defaultPort),
      schema: tcpPort,
      description: 'HTTP port, 1-65535',
    }),
    logLevel: envVar.withDefault({
      env: 'LOG_LEVEL',
      default: 'info',
      schema: logLevel,
      description: 'one of fatal, error, warn, info, debug, trace',
    }),
    shutdownTimeoutMs: envVar.withDefault({
      env: 'SHUTDOWN_TIMEOUT_MS',
      default: '10000',
      schema: durationMs,
      description:
        'milliseconds a graceful stop may take before exiting with 1; keep it below the orchestrator grace period',
    }),
    otelServiceName: envVar.withDefault({
      env: 'OTEL_SERVICE_NAME',
      default: serviceName,
      schema: nonEmptyString,
      description: 'service.name on traces and metrics',
    }),
    otelExporterOtlpEndpoint: envVar.optional({
      env: 'OTEL_EXPORTER_OTLP_ENDPOINT',
      schema: httpUrl,
      description:
        'OTLP/HTTP collector URL, e.g. http://otel-collector:4318; unset: nothing is exported',
    }),
  });
}
