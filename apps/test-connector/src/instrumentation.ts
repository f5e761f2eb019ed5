// main.ts imports this first: the OpenTelemetry SDK has to start before Nest, http, pg and
// kafkajs are required so instrumentations can patch them. That is also why the imports below
// are relative: the @collect/platform barrel would load Nest.
import { loadConfigOrExit } from '../../../libs/platform/src/config';
import { startTelemetry } from '../../../libs/platform/src/telemetry';
import { loadTestConnectorConfig } from './config';

/** Loaded once; an invalid environment prints every problem and exits 78 before anything starts. */
export const config = loadConfigOrExit(() => loadTestConnectorConfig(), 'collect-test-connector');

export const telemetry = startTelemetry({
  serviceName: config.otelServiceName,
  otlpEndpoint: config.otelExporterOtlpEndpoint,
});
