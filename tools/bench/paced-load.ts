// Open-loop load at a steady rate: one request every 1/rate seconds, whatever the answers do, with
// each request's latency measured from its scheduled start (so a stalled server is charged for the
// requests it delayed). autocannon's `overallRate` is not this: each connection sends its quota
// for the second back to back when the second starts (autocannon/lib/httpClient.js), so at
// 1,000/s the server sees a burst of 1,000 requests every second and the latency measured is the
// burst's queueing time.
import { Agent, request } from 'node:http';

export interface PacedLoadOptions {
  readonly url: string;
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly ratePerSecond: number;
  readonly durationS: number;
  /** Sockets kept open to the server; more are never opened (requests queue in the agent). */
  readonly maxSockets?: number;
}

export interface PacedLoadResult {
  readonly sent: number;
  readonly accepted: number;
  readonly failed: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export async function pacedLoad(options: PacedLoadOptions): Promise<PacedLoadResult> {
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 128 });
  const body = Buffer.from(options.body);
  const headers = { ...options.headers, 'content-length': String(body.length) };
  const latencies: number[] = [];
  let accepted = 0;
  let failed = 0;
  const intervalNs = 1e9 / options.ratePerSecond;
  const total = Math.round(options.ratePerSecond * options.durationS);
  const started = process.hrtime.bigint();
  const inFlight: Promise<void>[] = [];

  const send = (scheduledNs: bigint): Promise<void> =>
    new Promise((resolve) => {
      // Late sends are charged from their schedule; one sent a little early (the loop does not
      // sleep under 1 ms) from when it left, so no latency comes out negative.
      const sentNs = process.hrtime.bigint();
      const fromNs = sentNs < scheduledNs ? sentNs : scheduledNs;
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(Number(process.hrtime.bigint() - fromNs) / 1e6);
            if (res.statusCode !== undefined && res.statusCode < 300) accepted += 1;
            else failed += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed += 1;
        resolve();
      });
      req.end(body);
    });

  for (let index = 0; index < total; index++) {
    const scheduledNs = started + BigInt(Math.round(index * intervalNs));
    const waitMs = Number(scheduledNs - process.hrtime.bigint()) / 1e6;
    if (waitMs > 1) await new Promise((resolve) => setTimeout(resolve, waitMs));
    inFlight.push(send(scheduledNs));
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (quantile: number): number =>
    Math.round(
      latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))]! * 10,
    ) / 10;
  return { sent: total, accepted, failed, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1) };
}
