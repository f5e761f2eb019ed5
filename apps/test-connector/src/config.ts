// Relative imports: this file is loaded before telemetry starts (see instrumentation.ts), and the
// @collect/* barrels would load Nest too early.
import { z } from 'zod';
import { connectorRuntimeVariables } from '../../../libs/connector-runtime/src/config/runtime-variables';
import {
  defineConfig,
  envVar,
  loadConfig,
  nonEmptyString,
  serviceVariables,
  type ConfigOf,
  type Environment,
} from '../../../libs/platform/src/config';

/** Every environment variable collect-test-connector reads. Nothing else in the app reads process.env. */
export const testConnectorConfigSpec = defineConfig({
  ...serviceVariables('collect-test-connector', 3009),
  ...connectorRuntimeVariables(),
  connectorType: envVar.withDefault({
    env: 'TEST_CONNECTOR_TYPE',
    default: 'test-target',
    schema: z
      .string()
      .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be lower-case words joined by "-"'),
    description: 'connector type this test connector registers (tests pick a random one)',
  }),
  targetMigrationsDir: envVar.withDefault({
    env: 'TEST_TARGET_MIGRATIONS_DIR',
    default: 'apps/test-connector/migrations',
    schema: nonEmptyString,
    description:
      'folder of the test target tables, applied at start, relative to the working directory',
  }),
});

export type TestConnectorConfig = ConfigOf<typeof testConnectorConfigSpec>;

export function loadTestConnectorConfig(env: Environment = process.env): TestConnectorConfig {
  return loadConfig(testConnectorConfigSpec, env);
}
