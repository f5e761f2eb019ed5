import { runService, type Telemetry } from '@collect/platform';
import type { Connector } from '../contract/connector';
import { asRuntimeConnector } from '../contract/runtime-connector';
import { assertValidConnector } from '../registration/register-connector-type';
import type { ConnectorAppConfig } from './connector-app-config';
import { ConnectorAppModule } from './connector-app.module';

/**
 * Runs a connector as an app: Nest on Fastify with health (`/health/live`, `/health/ready`
 * including the `connector` probe), structured logs, telemetry and graceful SIGTERM (in-flight
 * rounds finish, the member leaves its group, exit 0). Call it from the app's main.ts after
 * `./instrumentation` loaded the config. A connector that breaks the contract stops here.
 */
export function runConnector<Config>(
  connector: Connector<Config>,
  config: ConnectorAppConfig,
  telemetry?: Telemetry,
): Promise<void> {
  const runtimeConnector = asRuntimeConnector(connector);
  assertValidConnector(runtimeConnector);
  return runService({
    name: `collect-${connector.type}-connector`,
    module: ConnectorAppModule.forRoot(runtimeConnector, config),
    host: config.host,
    port: config.port,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    ...(telemetry ? { telemetry } : {}),
  });
}
