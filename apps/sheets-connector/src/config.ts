// Relative import: this file is loaded before telemetry starts (see instrumentation.ts), and the
// @collect/platform barrel would load Nest too early.
import {
  defineConfig,
  loadConfig,
  serviceVariables,
  type ConfigOf,
  type Environment,
} from '../../../libs/platform/src/config';
import { sheetsClientVariables } from './sheets/sheets-client-config';

/** Every environment variable collect-sheets-connector reads. Nothing else in the app reads process.env. */
export const sheetsConnectorConfigSpec = defineConfig({
  ...serviceVariables('collect-sheets-connector', 3002),
  ...sheetsClientVariables(),
});

export type SheetsConnectorConfig = ConfigOf<typeof sheetsConnectorConfigSpec>;

export function loadSheetsConnectorConfig(env: Environment = process.env): SheetsConnectorConfig {
  return loadConfig(sheetsConnectorConfigSpec, env);
}
