import { z } from 'zod';

/**
 * Parsers for raw environment strings. Each one's error message says what a valid value looks
 * like; the variable's description says what it is for.
 */

export const nonEmptyString = z.string().min(1, 'must not be empty');

export function integer(bounds: { min: number; max: number }): z.ZodType<number, string> {
  return z
    .string()
    .regex(/^-?\d+$/, 'must be an integer')
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(bounds.min, `must be at least ${bounds.min}`)
        .max(bounds.max, `must be at most ${bounds.max}`),
    );
}

export const tcpPort = integer({ min: 1, max: 65_535 });

export const durationMs = integer({ min: 1, max: 24 * 60 * 60 * 1000 });

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):\d{1,5}$/;

/** `a:9092,b:9092` → `['a:9092', 'b:9092']`. */
export const hostPortList: z.ZodType<string[], string> = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0),
  )
  .pipe(
    z
      .array(z.string().regex(HOST_PORT, 'each entry must be host:port'))
      .min(1, 'must list at least one host:port'),
  );

/** An http(s) URL, returned without a trailing slash so paths can be appended. */
export const httpUrl: z.ZodType<string, string> = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .transform((url) => url.replace(/\/+$/, ''));

/** A postgres:// URL; the password travels separately as a Secret so the URL can be logged. */
export const postgresUrlWithoutPassword: z.ZodType<string, string> = z
  .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
  .refine((url) => new URL(url).password === '', {
    error: 'must not contain a password; pass it in the separate password variable instead',
  });

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const logLevel: z.ZodType<LogLevel, string> = z.enum(LOG_LEVELS, {
  error: `must be one of ${LOG_LEVELS.join(', ')}`,
});
