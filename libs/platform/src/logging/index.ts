export { loggerParams, pinoOptions, REDACTED_PATHS } from './logger-options';
export { LoggingModule } from './logging.module';
export { isSecretKey, maskString, REDACTED, redactSensitive } from './redact';
