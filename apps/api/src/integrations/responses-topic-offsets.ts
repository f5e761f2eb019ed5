import { Inject, Injectable } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { ApiError } from '../http';
import { EVENTS_OPTIONS, type ResolvedEventsOptions } from '../events';
import type { CursorPosition } from './integration-store';
import { INTEGRATIONS_OPTIONS, type ResolvedIntegrationsOptions } from './integrations-options';

/**
 * Positions in the responses topic that integration cursors start from: its end offsets (attach
 * without history) and the first offset at or after an instant (replay; the end where nothing is
 * that recent). Each call is bounded: Kafka not answering in time is a 503 and nothing changes.
 */
@Injectable()
export class ResponsesTopicOffsets {
  constructor(
    private readonly kafka: Kafka,
    @Inject(EVENTS_OPTIONS) private readonly events: ResolvedEventsOptions,
    @Inject(INTEGRATIONS_OPTIONS) private readonly options: ResolvedIntegrationsOptions,
  ) {}

  get topic(): string {
    return this.events.topics.responses;
  }

  /** Where the next response of each partition will land. */
  end(): Promise<CursorPosition[]> {
    return this.withAdmin(async (admin) =>
      (await admin.fetchTopicOffsets(this.topic)).map(({ partition, high }) => ({
        partition,
        offset: BigInt(high),
      })),
    );
  }

  /** The first offset of each partition whose message was produced at or after `from`. */
  at(from: Date): Promise<CursorPosition[]> {
    return this.withAdmin(async (admin) =>
      (await admin.fetchTopicOffsetsByTimestamp(this.topic, from.getTime())).map(
        ({ partition, offset }) => ({ partition, offset: BigInt(offset) }),
      ),
    );
  }

  private async withAdmin(
    work: (admin: ReturnType<Kafka['admin']>) => Promise<CursorPosition[]>,
  ): Promise<CursorPosition[]> {
    const admin = this.kafka.admin({ retry: { retries: 1 } });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${this.options.kafkaTimeoutMs} ms`)),
        this.options.kafkaTimeoutMs,
      );
    });
    const attempt = admin.connect().then(() => work(admin));
    attempt.catch(() => undefined);
    try {
      const positions = await Promise.race([attempt, timeout]);
      return positions.sort((a, b) => a.partition - b.partition);
    } catch (error) {
      throw ApiError.unavailable(
        'kafka-unavailable',
        `Kafka did not tell the offsets of ${this.topic}; nothing was changed, retry later`,
        this.options.retryAfterSeconds,
        error,
      );
    } finally {
      clearTimeout(timer);
      void admin.disconnect().catch(() => undefined);
    }
  }
}
