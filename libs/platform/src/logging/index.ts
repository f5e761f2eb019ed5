export { AppLogger } from './app-logger';
export { pinoOptions, REDACTED_PATHS } from './logger-options';
export { LoggingModule } from './logging.module';
export { installRequestLogging, requestSummary } from './request-logging';
export type { RequestLoggingOptions } from './request-logging';
export { isSecretKey, maskString, REDACTED, redactSensitive } from './redact';
