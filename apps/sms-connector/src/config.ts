// Relative import: this file is loaded before telemetry starts (see instrumentation.ts), and the
// @collect/platform barrel would load Nest too early.
import {
  defineConfig,
  loadConfig,
  serviceVariables,
  type ConfigOf,
  type Environment,
} from '../../../libs/platform/src/config';

/** Every environment variable collect-sms-connector reads. Nothing else in the app reads process.env. */
export const smsConnectorConfigSpec = defineConfig({
  ...serviceVariables('collect-sms-connector', 3003),
});

export type SmsConnectorConfig = ConfigOf<typeof smsConnectorConfigSpec>;

export function loadSmsConnectorConfig(env: Environment = process.env): SmsConnectorConfig {
  return loadConfig(smsConnectorConfigSpec, env);
}
