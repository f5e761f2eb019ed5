import type { FastifyInstance } from 'fastify';
import { exchangeToken } from '../auth/token-exchange';
import type { Emulator } from '../emulator';
import { injectedLatency, outage } from './interruptions';

/**
 * POST /token: the OAuth endpoint a service-account key file's `token_uri` points at. Takes part
 * in outages and latency like the API: a real Google outage takes the token endpoint along.
 */
export function registerTokenRoute(app: FastifyInstance, emulator: Emulator): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  app.post('/token', async (request, reply) => {
    if (outage(emulator, request, reply)) return reply;
    await injectedLatency(emulator);
    const form = (request.body ?? {}) as Record<string, string>;
    const result = exchangeToken(form, emulator.clock(), (account) =>
      emulator.disabledAccounts.has(account),
    );
    emulator.stats.recordToken(result.ok);
    return reply.status(result.ok ? 200 : 400).send(result.body);
  });
}
