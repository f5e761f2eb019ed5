// Nest-free on purpose: apps import this (by relative path) before telemetry starts.
export { ConfigError, EX_CONFIG } from './config-error';
export { defineConfig, type ConfigOf, type ConfigSpec } from './define-config';
export { describeConfig, type ConfigRow } from './describe-config';
export { loadConfigOrExit } from './exit-on-config-error';
export { loadConfig, type ConfigIo, type Environment } from './load-config';
export * from './parsers';
export { Secret } from './secret';
export { serviceVariables } from './service-variables';
export { envVar, type Variable } from './variable';
