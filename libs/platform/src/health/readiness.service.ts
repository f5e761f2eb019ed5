import { Injectable } from '@nestjs/common';
import type { ReadinessProbe, ReadinessReport } from './readiness-probe';
import { DEFAULT_PROBE_TIMEOUT_MS, runProbe } from './run-probe';

/**
 * Holds the readiness probes that modules register at construction/init time and runs them
 * in parallel. Once shutdown begins the process reports not-ready so load balancers drain it.
 */
@Injectable()
export class ReadinessService {
  private readonly probes = new Map<string, ReadinessProbe>();
  private draining = false;

  constructor(private readonly defaultTimeoutMs: number = DEFAULT_PROBE_TIMEOUT_MS) {}

  register(probe: ReadinessProbe): void {
    if (this.probes.has(probe.name)) {
      throw new Error(
        `A readiness probe named "${probe.name}" is already registered; probe names must be unique`,
      );
    }
    this.probes.set(probe.name, probe);
  }

  markShuttingDown(): void {
    this.draining = true;
  }

  async check(): Promise<ReadinessReport> {
    const probes = await Promise.all(
      [...this.probes.values()].map((probe) => runProbe(probe, this.defaultTimeoutMs)),
    );
    if (this.draining) return { status: 'shutting-down', probes };
    return { status: probes.every((probe) => probe.ok) ? 'ok' : 'unavailable', probes };
  }
}
