import type { OpenAPIObject } from '@nestjs/swagger';

const probes = [{ name: 'kafka', ok: true, latencyMs: 3 }];

/**
 * The health endpoints live in libs/platform, which knows nothing of OpenAPI; their responses
 * and examples are described here instead.
 */
export function documentHealth(document: OpenAPIObject): void {
  const live = document.paths['/health/live']?.get;
  if (live) {
    live.summary = 'Liveness: the process answers';
    live.responses = {
      '200': json('alive', { status: 'ok' }),
    };
  }
  const ready = document.paths['/health/ready']?.get;
  if (ready) {
    ready.summary = 'Readiness: Kafka, the schema registry and Postgres answer';
    ready.responses = {
      '200': json('ready', { status: 'ok', probes }),
      '503': json('a dependency is unreachable, or the process is stopping', {
        status: 'unavailable',
        probes: [{ name: 'kafka', ok: false, latencyMs: 2000, error: 'timed out after 2000 ms' }],
      }),
    };
  }
}

function json(description: string, example: unknown) {
  return { description, content: { 'application/json': { example } } };
}
