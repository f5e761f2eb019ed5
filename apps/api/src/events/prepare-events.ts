import { EventSerde, EventsError, ensureTopics } from '@collect/events';
import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { ResolvedEventsOptions } from './events-options';

/**
 * Start-up of the event infrastructure: creates the topics (idempotently, with our settings) and
 * registers every schema, retrying while Kafka or the registry is unreachable, and failing with a
 * message that says which one once `startupTimeoutMs` has passed. Refusals that retrying cannot
 * fix (partition count mismatch, incompatible schema) fail at once.
 */
export async function prepareEvents(
  kafka: Kafka,
  serde: EventSerde,
  options: ResolvedEventsOptions,
): Promise<void> {
  const logger = new Logger('Events');
  const deadline = Date.now() + options.startupTimeoutMs;
  const topics = [options.topics.forms, options.topics.responses];

  const report = await untilDeadline('Kafka (creating the event topics)', deadline, logger, () =>
    withAdmin(kafka, (admin) =>
      ensureTopics(admin, {
        topics,
        partitions: options.partitions,
        replicationFactor: options.replicationFactor,
      }),
    ),
  );
  if (report.created.length > 0)
    logger.log({ msg: 'created event topics', topics: report.created });
  for (const drift of report.configDrift) {
    logger.warn({ msg: 'an event topic has a config other than ours; not altered', ...drift });
  }
  await untilDeadline('the schema registry (registering event schemas)', deadline, logger, () =>
    serde.registerAll(),
  );
}

async function withAdmin<T>(
  kafka: Kafka,
  work: (admin: ReturnType<Kafka['admin']>) => Promise<T>,
): Promise<T> {
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    return await work(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function untilDeadline<T>(
  what: string,
  deadline: number,
  logger: Logger,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let delayMs = 250; ; delayMs = Math.min(delayMs * 2, 5_000)) {
    try {
      return await bounded(attempt(), deadline - Date.now(), what);
    } catch (error) {
      if (error instanceof EventsError && !error.retriable) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      if (Date.now() + delayMs >= deadline) {
        throw new Error(
          `${what} did not succeed before the start-up deadline (EVENTS_STARTUP_TIMEOUT_MS): ${reason}. ` +
            'Check KAFKA_BROKERS / SCHEMA_REGISTRY_URL and that they are reachable.',
          { cause: error },
        );
      }
      logger.warn({ msg: `${what} failed; retrying`, reason, retryInMs: delayMs });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

async function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out`)), Math.max(ms, 1));
  });
  promise.catch(() => undefined);
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
