import { type DynamicModule, Global, Module } from '@nestjs/common';
import pino from 'pino';
import type { LogLevel } from '../config/parsers';
import { AppLogger } from './app-logger';
import { pinoOptions } from './logger-options';

/**
 * Structured JSON logging for the whole app: provides the AppLogger, which `runService` installs
 * as Nest's logger and uses for the request log.
 */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(options: { level: LogLevel }): DynamicModule {
    const logger = {
      provide: AppLogger,
      useValue: new AppLogger(pino(pinoOptions(options.level))),
    };
    return { module: LoggingModule, providers: [logger], exports: [logger] };
  }
}
