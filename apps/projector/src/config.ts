// Relative import: this file is loaded before telemetry starts (see instrumentation.ts), and the
// @collect/platform barrel would load Nest too early.
import {
  defineConfig,
  loadConfig,
  serviceVariables,
  type ConfigOf,
  type Environment,
} from '../../../libs/platform/src/config';

/** Every environment variable collect-projector reads. Nothing else in the app reads process.env. */
export const projectorConfigSpec = defineConfig({
  ...serviceVariables('collect-projector', 3001),
});

export type ProjectorConfig = ConfigOf<typeof projectorConfigSpec>;

export function loadProjectorConfig(env: Environment = process.env): ProjectorConfig {
  return loadConfig(projectorConfigSpec, env);
}
