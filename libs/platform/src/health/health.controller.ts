import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import type { ReadinessReport } from './readiness-probe';
import { ReadinessService } from './readiness.service';

/** The slice of Fastify's reply the controller needs (keeps Fastify types out of the contract). */
export interface StatusReply {
  code(statusCode: number): unknown;
}

@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** Liveness: the event loop answers. Never checks dependencies, so an outage never restarts pods. */
  @Get('live')
  @HttpCode(HttpStatus.OK)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: 200 when every probe passes, else 503 with each probe's outcome. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: StatusReply): Promise<ReadinessReport> {
    const report = await this.readiness.check();
    reply.code(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
