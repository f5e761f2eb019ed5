export { HealthController } from './health.controller';
export { HealthModule } from './health.module';
export type { ProbeResult, ReadinessProbe, ReadinessReport } from './readiness-probe';
export { ReadinessService } from './readiness.service';
export { DEFAULT_PROBE_TIMEOUT_MS, runProbe } from './run-probe';
