import pino from 'pino';
import { Writable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppLogger } from './app-logger';
import { pinoOptions } from './logger-options';
import { requestSummary } from './request-logging';

function capture(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    logger: pino(pinoOptions('info'), sink),
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('pinoOptions', () => {
  it('never writes phone numbers, tokens or secret fields to the log', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        to: '+447700900134',
        password: 'hunter2',
        config: { apiKey: 'k1' },
        nested: { deep: { token: 't' } },
      },
      'sending SMS to %s with Bearer abc.def',
      '+12345678901',
    );
    const [line] = lines();
    const text = JSON.stringify(line);
    expect(text).not.toMatch(/hunter2|k1|"t"|447700900134|12345678901|abc\.def/);
    expect(line).toMatchObject({ level: 'info', to: '+**********34', password: '[redacted]' });
    expect(line?.msg).toBe('sending SMS to +*********01 with Bearer [redacted]');
  });

  it('masks phone numbers inside logged errors', () => {
    const { logger, lines } = capture();
    logger.error({ err: new Error('Twilio rejected +447700900134') }, 'delivery failed');
    expect(lines()[0]?.err).toMatchObject({ message: 'Twilio rejected +**********34' });
  });
});

describe('requestSummary', () => {
  it('logs an allow-list of request fields, never the authorization header, with phone numbers masked', () => {
    const request = {
      id: 'req-7',
      method: 'POST',
      url: '/sms?to=%2B447700900134',
      ip: '10.0.0.1',
      headers: { authorization: 'Bearer abc', 'user-agent': 'curl/8' },
    } as unknown as FastifyRequest;
    expect(requestSummary(request)).toEqual({
      id: 'req-7',
      method: 'POST',
      url: '/sms?to=%2B**********34',
      remoteAddress: '10.0.0.1',
      userAgent: 'curl/8',
    });
  });
});

describe('AppLogger', () => {
  it("writes Nest's (message, context) and (message, stack, context) calls as fields, redacted", () => {
    const { logger, lines } = capture();
    const app = new AppLogger(logger);
    app.log({ msg: 'delivered', to: '+447700900134' }, 'Sms');
    app.error('send failed', 'Error: boom\n    at x', 'Sms');
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 'info',
        context: 'Sms',
        msg: 'delivered',
        to: '+**********34',
      }),
      expect.objectContaining({
        level: 'error',
        context: 'Sms',
        msg: 'send failed',
        stack: 'Error: boom\n    at x',
      }),
    ]);
  });
});
