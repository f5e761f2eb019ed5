import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { LogLevel } from '../config/parsers';
import { loggerParams } from './logger-options';

/** Structured JSON logging for the whole app; `runService` installs it as Nest's logger. */
@Module({})
export class LoggingModule {
  static forRoot(options: { level: LogLevel }): DynamicModule {
    const logger = LoggerModule.forRoot(loggerParams(options.level));
    return { module: LoggingModule, imports: [logger], exports: [logger] };
  }
}
