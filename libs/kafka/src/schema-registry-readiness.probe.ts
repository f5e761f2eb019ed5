import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ReadinessService, type ReadinessProbe } from '@collect/platform';
import { SCHEMA_REGISTRY_URL } from './tokens';

/** Ready when the registry lists its subjects (`GET {url}/subjects`). */
@Injectable()
export class SchemaRegistryReadinessProbe implements ReadinessProbe, OnModuleInit {
  readonly name = 'schema-registry';
  readonly timeoutMs = 2_000;

  constructor(
    @Inject(SCHEMA_REGISTRY_URL) private readonly url: string,
    private readonly readiness: ReadinessService,
  ) {}

  onModuleInit(): void {
    this.readiness.register(this);
  }

  async check(signal: AbortSignal): Promise<void> {
    const response = await fetch(`${this.url}/subjects`, {
      headers: { accept: 'application/vnd.schemaregistry.v1+json, application/json' },
      signal: AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)]),
    });
    // Drain the body so the keep-alive socket returns to the pool.
    await response.arrayBuffer();
    if (!response.ok) {
      throw new Error(
        `GET ${this.url}/subjects answered ${response.status} ${response.statusText}`,
      );
    }
  }
}
