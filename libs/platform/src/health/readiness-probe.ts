/** One dependency the process needs before it can serve traffic (Kafka, Postgres, ...). */
export interface ReadinessProbe {
  /** Shown in the /health/ready body, e.g. `kafka`. */
  readonly name: string;
  /** Overrides the default timeout (2 s). */
  readonly timeoutMs?: number;
  /** Resolves when the dependency answers; should stop work when `signal` aborts (timeout). */
  check(signal: AbortSignal): Promise<void>;
}

export interface ProbeResult {
  readonly name: string;
  readonly ok: boolean;
  readonly latencyMs: number;
  readonly error?: string;
}

export interface ReadinessReport {
  readonly status: 'ok' | 'unavailable' | 'shutting-down';
  readonly probes: readonly ProbeResult[];
}
