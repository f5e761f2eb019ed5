import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { registerControlRoutes } from './control/control-routes';
import { Emulator, type EmulatorOptions } from './emulator';
import { registerHtmlRoutes } from './html/html-routes';
import { ApiFault, faults } from './http/api-fault';
import { API_PREFIX } from './http/api-path';
import { registerApiRoutes } from './http/api-routes';
import { registerTokenRoute } from './http/token-route';

export interface ServerOptions extends EmulatorOptions {
  /** Log every request (pino JSON on stdout), as the stack's daemon does. */
  readonly log?: boolean;
}

/** Bodies larger than this are refused by Fastify itself; the emulated limit is checked per request. */
const HARD_BODY_LIMIT = 64 * 1024 * 1024;

export function createSheetsEmulator(options: ServerOptions = {}): {
  app: FastifyInstance;
  emulator: Emulator;
} {
  const emulator = new Emulator(options);
  const app = Fastify({ logger: options.log ?? false, bodyLimit: HARD_BODY_LIMIT });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (!request.url.startsWith(API_PREFIX)) {
      return reply.status(status).send({ error: error.message });
    }
    const fault =
      status === 413
        ? faults.invalid(
            `Request payload size exceeds the limit: ${emulator.limits.requestBytes} bytes.`,
          )
        : status < 500
          ? faults.invalid(`Invalid JSON payload received. ${error.message}`)
          : new ApiFault('INTERNAL', 'Internal error encountered.');
    request.log.error({ err: error }, 'request failed');
    return reply.status(fault.httpStatus).send(fault.body());
  });
  registerTokenRoute(app, emulator);
  registerApiRoutes(app, emulator);
  registerControlRoutes(app, emulator);
  registerHtmlRoutes(app, emulator);
  app.addHook('onClose', (_instance, done) => {
    emulator.flush();
    done();
  });
  return { app, emulator };
}

export interface RunningSheetsEmulator {
  /** e.g. http://127.0.0.1:28090: the Sheets root URL, `${url}/token` the token URI. */
  readonly url: string;
  readonly emulator: Emulator;
  close(): Promise<void>;
}

/** Starts the emulator on host:port (port 0: a free one) and resolves once it listens. */
export async function startSheetsEmulator(
  options: ServerOptions & { host?: string; port?: number } = {},
): Promise<RunningSheetsEmulator> {
  const { app, emulator } = createSheetsEmulator(options);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { url: `http://${host}:${port}`, emulator, close: () => app.close() };
}
