import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { ReadinessService } from './readiness.service';

/**
 * `GET /health/live` and `GET /health/ready`. Global so any module can inject ReadinessService
 * and register its probes without importing this module.
 */
@Global()
@Module({
  controllers: [HealthController],
  providers: [{ provide: ReadinessService, useFactory: () => new ReadinessService() }],
  exports: [ReadinessService],
})
export class HealthModule {}
