import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Emulator } from '../emulator';
import { faults } from './api-fault';

/**
 * Applies a full outage: `reset` drops the connection unanswered, `unavailable` answers 503.
 * Returns true when the request has been dealt with.
 */
export function outage(emulator: Emulator, request: FastifyRequest, reply: FastifyReply): boolean {
  switch (emulator.faults.outage) {
    case 'off':
      return false;
    case 'reset':
      void reply.hijack();
      request.raw.socket.destroy();
      return true;
    case 'unavailable': {
      const fault = faults.unavailable();
      void reply.status(fault.httpStatus).send(fault.body());
      return true;
    }
  }
}

export async function injectedLatency(emulator: Emulator): Promise<void> {
  if (emulator.faults.latencyMs > 0) await delay(emulator.faults.latencyMs);
}

/** Throws the injected 5xx when this request is one of the next `failNext` or loses the dice. */
export function injectedFailure(emulator: Emulator): void {
  const settings = emulator.faults;
  const forced = settings.failNext > 0;
  if (forced) emulator.setFaults({ failNext: settings.failNext - 1 });
  if (forced || (settings.errorRate > 0 && emulator.random() < settings.errorRate)) {
    throw settings.errorStatus === 500 ? faults.internal() : faults.unavailable();
  }
}
