import { HealthController, type StatusReply } from './health.controller';
import type { ReadinessProbe } from './readiness-probe';
import { ReadinessService } from './readiness.service';

const anyLatency = expect.any(Number) as number;

const passing: ReadinessProbe = { name: 'kafka', check: () => Promise.resolve() };
const failing: ReadinessProbe = {
  name: 'postgres',
  check: () => Promise.reject(new Error('connection refused')),
};
const hanging: ReadinessProbe = {
  name: 'schema-registry',
  check: () => new Promise<void>(() => undefined),
};

function recordingReply(): StatusReply & { statusCode?: number } {
  const reply: StatusReply & { statusCode?: number } = {
    code(statusCode: number) {
      reply.statusCode = statusCode;
      return reply;
    },
  };
  return reply;
}

function controllerWith(
  probes: ReadinessProbe[],
  timeoutMs = 50,
): { controller: HealthController; readiness: ReadinessService } {
  const readiness = new ReadinessService(timeoutMs);
  probes.forEach((probe) => readiness.register(probe));
  return { controller: new HealthController(readiness), readiness };
}

describe('HealthController', () => {
  it('is live whatever the dependencies say', () => {
    expect(controllerWith([failing]).controller.live()).toEqual({ status: 'ok' });
  });

  it('is ready (200) when every probe passes', async () => {
    const reply = recordingReply();
    const report = await controllerWith([passing]).controller.ready(reply);
    expect(reply.statusCode).toBe(200);
    expect(report.status).toBe('ok');
    expect(report.probes).toEqual([{ name: 'kafka', ok: true, latencyMs: anyLatency }]);
  });

  it('answers 503 naming the failing probe, and still reports the passing ones', async () => {
    const reply = recordingReply();
    const report = await controllerWith([passing, failing]).controller.ready(reply);
    expect(reply.statusCode).toBe(503);
    expect(report).toEqual({
      status: 'unavailable',
      probes: [
        { name: 'kafka', ok: true, latencyMs: anyLatency },
        { name: 'postgres', ok: false, latencyMs: anyLatency, error: 'connection refused' },
      ],
    });
  });

  it('never hangs: a probe that never answers fails at its timeout and aborts its signal', async () => {
    let signal: AbortSignal | undefined;
    const observed: ReadinessProbe = {
      name: 'schema-registry',
      check: (s) => {
        signal = s;
        return hanging.check(s);
      },
    };
    const reply = recordingReply();
    const started = Date.now();
    const report = await controllerWith([passing, observed], 50).controller.ready(reply);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(reply.statusCode).toBe(503);
    expect(report.probes[1]).toEqual({
      name: 'schema-registry',
      ok: false,
      latencyMs: anyLatency,
      error: 'timed out after 50 ms',
    });
    expect(signal?.aborted).toBe(true);
  });

  it('honours a probe-specific timeout over the default', async () => {
    const report = await controllerWith([{ ...hanging, timeoutMs: 10 }], 5_000).controller.ready(
      recordingReply(),
    );
    expect(report.probes[0]?.error).toBe('timed out after 10 ms');
  });

  it('reports not ready once shutdown has begun, so traffic drains', async () => {
    const { controller, readiness } = controllerWith([passing]);
    readiness.markShuttingDown();
    const reply = recordingReply();
    expect((await controller.ready(reply)).status).toBe('shutting-down');
    expect(reply.statusCode).toBe(503);
  });

  it('masks phone numbers and tokens in probe errors', async () => {
    const leaky: ReadinessProbe = {
      name: 'sms',
      check: () => Promise.reject(new Error('bad number +447700900134')),
    };
    const report = await controllerWith([leaky]).controller.ready(recordingReply());
    expect(report.probes[0]?.error).toBe('bad number +**********34');
  });

  it('refuses two probes with the same name', () => {
    expect(() => controllerWith([passing, passing])).toThrow('"kafka" is already registered');
  });
});
