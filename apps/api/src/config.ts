// Relative import: this file is loaded before telemetry starts (see instrumentation.ts), and the
// @collect/platform barrel would load Nest too early.
import {
  defineConfig,
  loadConfig,
  serviceVariables,
  type ConfigOf,
  type Environment,
} from '../../../libs/platform/src/config';

/** Every environment variable collect-api reads. Nothing else in the app reads process.env. */
export const apiConfigSpec = defineConfig({
  ...serviceVariables('collect-api', 3000),
});

export type ApiConfig = ConfigOf<typeof apiConfigSpec>;

export function loadApiConfig(env: Environment = process.env): ApiConfig {
  return loadConfig(apiConfigSpec, env);
}
