import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger as Pino } from 'pino';
import { maskString } from './redact';

export interface RequestLoggingOptions {
  /** Route patterns (as registered, e.g. `/v1/forms/:formId/responses`) logged by metrics only. */
  readonly unloggedRoutes?: readonly string[];
}

/**
 * One `request completed` line per request (info; warn for 5xx) from a Fastify onResponse hook:
 * no per-request child logger and no middleware layer, so it costs nothing below info. Health
 * probes and `unloggedRoutes` are not logged. Only an allow-list of request fields is written.
 */
export function installRequestLogging(
  fastify: FastifyInstance,
  logger: Pino,
  options: RequestLoggingOptions = {},
): void {
  const unlogged = new Set(options.unloggedRoutes ?? []);
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url;
    const level = reply.statusCode >= 500 ? 'warn' : 'info';
    if (
      logger.isLevelEnabled(level) &&
      !(route !== undefined && (unlogged.has(route) || route.startsWith('/health/')))
    ) {
      logger[level]({
        msg: 'request completed',
        req: requestSummary(request),
        res: { statusCode: reply.statusCode },
        responseTimeMs: Math.round(reply.elapsedTime),
      });
    }
    done();
  });
}

/** What a request log line says about the request: never headers beyond the user agent. */
export function requestSummary(request: FastifyRequest): Record<string, unknown> {
  const userAgent = request.headers['user-agent'];
  return {
    id: request.id,
    method: request.method,
    url: maskString(request.url),
    remoteAddress: request.ip,
    ...(typeof userAgent === 'string' ? { userAgent: maskString(userAgent) } : {}),
  };
}
