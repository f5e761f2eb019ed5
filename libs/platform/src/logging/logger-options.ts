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

/** pino options of every app's logger (AppLogger and the request log). */
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

/**
 * pino's standard serializers return objects with a custom prototype, which `redactSensitive`
 * (plain objects only) would skip; copy the own fields into a plain object first.
 */
function redactSerialized(serialized: unknown): unknown {
  return typeof serialized === 'object' && serialized !== null
    ? redactSensitive({ ...serialized })
    : redactSensitive(serialized);
}
