export * from './bootstrap';
export * from './config';
export * from './health';
export * from './logging';
export * from './telemetry';
