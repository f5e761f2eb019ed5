import { createServer, Socket } from 'node:net';

/** True when something accepts TCP connections on host:port. */
export function isListening(port: number, host = '127.0.0.1', timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

/** A port nobody listens on right now, chosen by the kernel. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not obtain a free port'));
      });
    });
  });
}

/** Fails with a clear message when a port we are about to bind is taken by someone else. */
export async function assertPortFree(
  port: number,
  what: string,
  host = '127.0.0.1',
): Promise<void> {
  if (await isListening(port, host)) {
    throw new Error(
      `${what} cannot start: ${host}:${port} is already in use by another process ` +
        `(another checkout's stack? run \`./dev down\` there, or stop whatever listens on that port)`,
    );
  }
}
