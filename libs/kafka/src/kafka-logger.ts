import { Logger } from '@nestjs/common';
import { logLevel as KafkaLogLevel, type logCreator } from 'kafkajs';
import type { LogLevel } from '@collect/platform';

/** The kafkajs level that lets through what the app's LOG_LEVEL would print. */
export function kafkaLogLevelFor(level: LogLevel): KafkaLogLevel {
  switch (level) {
    case 'fatal':
    case 'error':
      return KafkaLogLevel.ERROR;
    case 'warn':
      return KafkaLogLevel.WARN;
    case 'info':
      return KafkaLogLevel.INFO;
    case 'debug':
    case 'trace':
      return KafkaLogLevel.DEBUG;
  }
}

/** Routes kafkajs logs into the Nest logger (pino in the apps) with kafkajs' namespace as a field. */
export const nestKafkaLogCreator: logCreator = () => {
  const logger = new Logger('kafkajs');
  return ({ namespace, level, log }) => {
    const { message, timestamp: _timestamp, ...fields } = log;
    const entry = { msg: message, namespace, ...fields };
    switch (level) {
      case KafkaLogLevel.ERROR:
        return logger.error(entry);
      case KafkaLogLevel.WARN:
        return logger.warn(entry);
      case KafkaLogLevel.INFO:
        return logger.log(entry);
      default:
        return logger.debug(entry);
    }
  };
};
