import { config, telemetry } from './instrumentation'; // must stay the first import
import { createPool } from '@collect/database';
import { runConnector } from '@collect/connector-runtime';
import { Logger } from '@nestjs/common';
import { testTargetConnector } from './test-target-connector';

// The whole app: a connector written only against the contract, run by the runtime.
const target = createPool(
  {
    connectionString: config.databaseUrl,
    password: config.databasePassword,
    applicationName: 'collect-test-target',
    maxConnections: 4,
  },
  new Logger('TestTarget'),
);

void runConnector(
  testTargetConnector({
    type: config.connectorType,
    pool: target,
    migrationsDir: config.targetMigrationsDir,
  }),
  config,
  telemetry,
);
