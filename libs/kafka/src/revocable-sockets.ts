import { connect as connectTcp, isIP, Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { ISocketFactory } from 'kafkajs';

const keepAliveDelayMs = 60_000; // kafkajs' own default socket factory uses the same

/**
 * A kafkajs socket factory whose connections can be cut for good. kafkajs keeps retrying a send
 * in the background after its caller gave up, reconnecting even after `disconnect()`; revoking
 * closes every connection and makes each later attempt fail at once, so nothing given up on can
 * still reach a broker when it comes back.
 */
export class RevocableSockets {
  private revoked = false;
  private readonly open = new Set<Socket>();

  readonly factory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
    if (this.revoked) {
      // Never connected; 'error' is emitted on the next tick, after kafkajs attached its handlers.
      const refused = new Socket();
      refused.destroy(new Error(`connections to ${host}:${port} were revoked`));
      return refused;
    }
    const socket = ssl
      ? connectTls({ host, port, ...(isIP(host) ? {} : { servername: host }), ...ssl }, onConnect)
      : connectTcp({ host, port }, onConnect);
    socket.setKeepAlive(true, keepAliveDelayMs);
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
    return socket;
  };

  get isRevoked(): boolean {
    return this.revoked;
  }

  revoke(): void {
    this.revoked = true;
    for (const socket of this.open) socket.destroy();
    this.open.clear();
  }
}
