import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import { stdSerializers, type LoggerOptions } from 'pino';
import type { LogLevel } from '../config/parsers';
import { maskString, REDACTED, redactSensitive } from './redact';

/** Key paths pino removes at serialisation time (cheap, exact); `redactSensitive` handles the rest. */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...[
    'password',
    'token',
    'secret',
    'apiKey',
    'authToken',
    'privateKey',
    'accessToken',
    'refreshToken',
    'clientSecret',
  ].flatMap((key) => [key, `*.${key}`]),
];

/** pino options shared by the HTTP logger and the application logger. */
export function pinoOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    redact: { paths: [...REDACTED_PATHS], censor: REDACTED },
    formatters: {
      // Emit `"level":"info"` instead of 30 so log pipelines need no mapping table.
      level: (label) => ({ level: label }),
      log: (object) => redactSensitive(object) as Record<string, unknown>,
    },
    hooks: {
      // Messages and printf-style arguments are strings pino never passes through `formatters.log`.
      logMethod(args, method) {
        const masked = args.map((arg: unknown) =>
          typeof arg === 'string' ? maskString(arg) : arg,
        );
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
    serializers: {
      err: (error: Error) => redactSerialized(stdSerializers.err(error)),
    },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  };
}

/** nestjs-pino parameters: structured JSON to stdout, secrets masked, health probes not logged. */
export function loggerParams(level: LogLevel): Params {
  return {
    pinoHttp: {
      ...pinoOptions(level),
      // pino-http passes these the already standard-serialised request/response. The request is
      // serialised for every request (pino-http binds it to a child logger up front), so it is an
      // allow-list: cheap, and no header can leak a credential.
      serializers: {
        err: (error: Error) => redactSerialized(stdSerializers.err(error)),
        req: requestSummary,
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: isHealthCheck },
    },
  };
}

/** Probes hit these every few seconds; logging each would drown the useful lines. */
function isHealthCheck(req: IncomingMessage): boolean {
  // Fastify's middleware layer rewrites `url` relative to the mount point; originalUrl is the real path.
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  return path.startsWith('/health/');
}

interface SerializedRequest {
  readonly id?: unknown;
  readonly method?: string;
  readonly url?: string;
  readonly remoteAddress?: string;
  readonly headers?: Readonly<Record<string, unknown>>;
}

/** What a request log line says about the request: never headers beyond the user agent. */
function requestSummary(req: SerializedRequest): Record<string, unknown> {
  const userAgent = req.headers?.['user-agent'];
  return {
    id: req.id,
    method: req.method,
    url: typeof req.url === 'string' ? maskString(req.url) : req.url,
    remoteAddress: req.remoteAddress,
    ...(typeof userAgent === 'string' ? { userAgent: maskString(userAgent) } : {}),
  };
}

/**
 * pino's standard serializers return objects with a custom prototype, which `redactSensitive`
 * (plain objects only) would skip; copy the own fields into a plain object first.
 */
function redactSerialized(serialized: unknown): unknown {
  return typeof serialized === 'object' && serialized !== null
    ? redactSensitive({ ...serialized })
    : redactSensitive(serialized);
}
