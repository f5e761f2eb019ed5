import type { DynamicModule, INestApplication, LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ReadinessService } from '../health/readiness.service';
import { AppLogger } from '../logging/app-logger';
import { installRequestLogging } from '../logging/request-logging';
import type { Telemetry } from '../telemetry/start-telemetry';

export interface ServiceOptions {
  /** Process name used in logs, e.g. `collect-api`. */
  readonly name: string;
  /** Root module; must import LoggingModule and HealthModule. */
  readonly module: Type<unknown> | DynamicModule;
  readonly host: string;
  readonly port: number;
  /** Budget for a graceful stop; exceeded → exit 1 so the orchestrator does not wait forever. */
  readonly shutdownTimeoutMs: number;
  readonly telemetry?: Telemetry;
  /** Runs after the app is created and before it listens: filters, body parsers, docs. */
  readonly configure?: (app: NestFastifyApplication) => void | Promise<void>;
  /** Routes (as registered, e.g. `/v1/forms/:formId/responses`) without a request log line. */
  readonly unloggedRoutes?: readonly string[];
}

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Creates the Nest app on Fastify with the pino logger, listens on host:port and owns the
 * process lifecycle: SIGTERM/SIGINT → not ready → app.close() (module destroy/shutdown hooks
 * let consumers finish, commit and leave their group) → telemetry flush → exit 0, or exit 1
 * past `shutdownTimeoutMs`. Unhandled rejections and uncaught exceptions stop it with exit 1.
 * Never rejects: startup failures are logged and exit 1.
 */
export async function runService(options: ServiceOptions): Promise<void> {
  let app: NestFastifyApplication | undefined;
  let logger: LoggerService = fallbackLogger(options.name);
  let stopping = false;

  const stop = async (reason: string, exitCode: number): Promise<void> => {
    if (stopping) {
      logger.warn({ msg: `${reason} received while already stopping; still waiting for shutdown` });
      return;
    }
    stopping = true;
    logger.log({ msg: `stopping (${reason})`, shutdownTimeoutMs: options.shutdownTimeoutMs });
    const deadline = setTimeout(() => {
      logger.error({
        msg: `shutdown took longer than ${options.shutdownTimeoutMs} ms; exiting without finishing it`,
      });
      process.exit(1);
    }, options.shutdownTimeoutMs);
    try {
      app?.get(ReadinessService, { strict: false }).markShuttingDown();
      await app?.close();
      await options.telemetry?.shutdown();
      logger.log({ msg: 'stopped' });
    } catch (error) {
      logger.error({ msg: 'shutdown failed', err: error });
      exitCode = 1;
    }
    clearTimeout(deadline);
    process.exit(exitCode);
  };

  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, () => void stop(signal, 0));
  process.on('unhandledRejection', (reason) => {
    logger.error({ msg: 'unhandled promise rejection; stopping', err: reason });
    void stop('unhandledRejection', 1);
  });
  process.on('uncaughtException', (error) => {
    logger.error({ msg: 'uncaught exception; stopping', err: error });
    void stop('uncaughtException', 1);
  });

  try {
    // No Nest middleware anywhere (request logging is a Fastify hook): without middie every request
    // skips a hook. A middleware added later fails at start, not silently.
    const adapter = new FastifyAdapter({ skipMiddie: true });
    app = await NestFactory.create<NestFastifyApplication>(options.module, adapter, {
      bufferLogs: true,
    });
    const appLogger = app.get(AppLogger);
    logger = appLogger;
    app.useLogger(appLogger);
    installRequestLogging(app.getHttpAdapter().getInstance(), appLogger.pino, {
      unloggedRoutes: options.unloggedRoutes,
    });
    await options.configure?.(app);
    await app.listen(options.port, options.host);
    logger.log({ msg: `${options.name} listening on http://${options.host}:${options.port}` });
  } catch (error) {
    logger.error({ msg: `${options.name} failed to start`, err: error });
    await closeQuietly(app);
    await options.telemetry?.shutdown().catch(() => undefined);
    process.exit(1);
  }
}

async function closeQuietly(app: INestApplication | undefined): Promise<void> {
  try {
    await app?.close();
  } catch {
    // Already failing to start; the original error is the one worth reporting.
  }
}

/** Used until the pino logger exists: JSON lines on stderr, same shape as pino's. */
function fallbackLogger(name: string): LoggerService {
  const write = (level: string) => (message: unknown) => {
    const fields =
      typeof message === 'object' && message !== null
        ? serialiseErrors(message)
        : { msg: String(message) };
    process.stderr.write(
      `${JSON.stringify({ level, time: new Date().toISOString(), name, ...fields })}\n`,
    );
  };
  return { log: write('info'), warn: write('warn'), error: write('error') };
}

function serialiseErrors(fields: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [
      key,
      value instanceof Error
        ? { type: value.name, message: value.message, stack: value.stack }
        : value,
    ]),
  );
}
