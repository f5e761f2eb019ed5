import { formsTopic, responsesTopic } from '@collect/events';

/** The topics the API writes and reads; the real names unless a test passes random ones. */
export interface EventTopicNames {
  readonly forms: string;
  readonly responses: string;
}

export interface EventsModuleOptions {
  /** Partitions of every event topic (API_TOPIC_PARTITIONS). Defaults to 12. */
  readonly partitions?: number;
  /** KAFKA_REPLICATION_FACTOR. Defaults to 1 (the local single broker). */
  readonly replicationFactor?: number;
  /** Defaults to `collect.forms.v1` / `collect.responses.v1`; tests pass random names. */
  readonly topics?: Partial<EventTopicNames>;
  /** A publish not acknowledged by Kafka within this rejects with EventsUnavailableError. Defaults to 3 s. */
  readonly publishTimeoutMs?: number;
  /** How long start-up may wait for Kafka and the schema registry before failing. Defaults to 60 s. */
  readonly startupTimeoutMs?: number;
  /** Bound of FormsView.catchUp() in commands and in the miss path of publishedDefinition. Defaults to 5 s. */
  readonly catchUpTimeoutMs?: number;
  /** Retry-After (seconds) suggested when Kafka is unavailable. Defaults to 5. */
  readonly retryAfterSeconds?: number;
}

export type ResolvedEventsOptions = Required<Omit<EventsModuleOptions, 'topics'>> & {
  readonly topics: EventTopicNames;
};

export const EVENTS_OPTIONS = Symbol('EVENTS_OPTIONS');

export function resolveEventsOptions(options: EventsModuleOptions = {}): ResolvedEventsOptions {
  return {
    partitions: options.partitions ?? 12,
    replicationFactor: options.replicationFactor ?? 1,
    topics: {
      forms: options.topics?.forms ?? formsTopic,
      responses: options.topics?.responses ?? responsesTopic,
    },
    publishTimeoutMs: options.publishTimeoutMs ?? 3_000,
    startupTimeoutMs: options.startupTimeoutMs ?? 60_000,
    catchUpTimeoutMs: options.catchUpTimeoutMs ?? 5_000,
    retryAfterSeconds: options.retryAfterSeconds ?? 5,
  };
}

/** The configured topic for an event's contract topic (`topicOf(event)`). */
export function routeTopic(contractTopic: string, topics: EventTopicNames): string {
  if (contractTopic === formsTopic) return topics.forms;
  if (contractTopic === responsesTopic) return topics.responses;
  return contractTopic;
}
