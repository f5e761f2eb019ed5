import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ReadinessService, type ReadinessProbe } from '@collect/platform';
import { type Admin, Kafka } from 'kafkajs';

/**
 * Ready when a broker answers a metadata request (`describeCluster`). The admin client
 * connects on first use; after any failure or timeout it is thrown away and the next check
 * starts from a fresh connection, so the probe recovers by itself when the broker returns and
 * a half-open socket can never make it hang.
 */
@Injectable()
export class KafkaReadinessProbe implements ReadinessProbe, OnModuleInit, OnApplicationShutdown {
  readonly name = 'kafka';
  private admin: Admin | undefined;
  private connected: Promise<void> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly readiness: ReadinessService,
  ) {}

  onModuleInit(): void {
    this.readiness.register(this);
  }

  async check(signal: AbortSignal): Promise<void> {
    const admin = (this.admin ??= this.kafka.admin({ retry: { retries: 0 } }));
    const onAbort = (): void => this.discard(admin);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await (this.connected ??= admin.connect());
      await admin.describeCluster();
    } catch (error) {
      this.discard(admin);
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    this.connected = undefined;
    await admin?.disconnect().catch(() => undefined);
  }

  private discard(admin: Admin): void {
    if (this.admin !== admin) return;
    this.admin = undefined;
    this.connected = undefined;
    // Closing the sockets also fails any request still waiting on them.
    void admin.disconnect().catch(() => undefined);
  }
}
