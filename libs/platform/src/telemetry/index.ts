// Nest-free on purpose: apps import this (by relative path) before anything else is loaded.
export { startTelemetry, type Telemetry, type TelemetryOptions } from './start-telemetry';
