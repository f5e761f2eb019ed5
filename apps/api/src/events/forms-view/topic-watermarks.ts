import type { Admin, Kafka } from 'kafkajs';
import type { OffsetTargets } from './applied-offsets';

/**
 * The high watermark of every partition of one topic (the offset the next message will get),
 * through an admin client that connects on first use and is replaced after any failure. An empty
 * partition (high = low) needs nothing applied, so it maps to 0.
 */
export class TopicWatermarks {
  private admin: { client: Admin; connected: Promise<void> } | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
  ) {}

  async fetch(): Promise<OffsetTargets> {
    const admin = (this.admin ??= this.connect());
    try {
      await admin.connected;
      const offsets = await admin.client.fetchTopicOffsets(this.topic);
      return new Map(
        offsets.map(({ partition, high, low }) => [
          partition,
          BigInt(high) > BigInt(low) ? BigInt(high) : 0n,
        ]),
      );
    } catch (error) {
      this.discard(admin);
      throw error;
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.client.disconnect().catch(() => undefined);
  }

  private connect(): { client: Admin; connected: Promise<void> } {
    const client = this.kafka.admin({ retry: { retries: 1, initialRetryTime: 100 } });
    const connected = client.connect();
    connected.catch(() => undefined);
    return { client, connected };
  }

  private discard(admin: { client: Admin }): void {
    if (this.admin !== admin) return;
    this.admin = undefined;
    void admin.client.disconnect().catch(() => undefined);
  }
}
