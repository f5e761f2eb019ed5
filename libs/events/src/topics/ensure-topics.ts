import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { TopicConfigurationError } from '../errors';
import { assertLegalTopicName, eventTopics } from './topic-names';
import {
  assertTopicSettings,
  defaultPartitions,
  topicConfig,
  type TopicSettings,
} from './topic-settings';

/** The part of a kafkajs `Admin` used here; pass a connected one. */
export type TopicAdmin = Pick<
  Admin,
  'listTopics' | 'createTopics' | 'fetchTopicMetadata' | 'describeConfigs'
>;

export interface EnsureTopicsOptions {
  readonly replicationFactor: number;
  /** Defaults to 12. */
  readonly partitions?: number;
  /** Defaults to the event topics; pass dead-letter topics (deadLetterTopic(…)) or, in tests, random names. */
  readonly topics?: readonly string[];
}

export interface ConfigDrift {
  readonly topic: string;
  readonly config: string;
  readonly expected: string;
  readonly actual: string | undefined;
}

export interface EnsureTopicsReport {
  readonly created: readonly string[];
  readonly existing: readonly string[];
  /** Configs of existing topics that differ from ours. They are reported, never altered: that is an operator's call. */
  readonly configDrift: readonly ConfigDrift[];
}

/**
 * Creates the missing topics with our settings. Idempotent, and safe when several processes call
 * it at once (a topic another caller just created counts as existing). Throws a
 * `TopicConfigurationError` when an existing topic has another partition count; kafkajs errors
 * (broker unreachable …) pass through unchanged.
 */
export async function ensureTopics(
  admin: TopicAdmin,
  options: EnsureTopicsOptions,
): Promise<EnsureTopicsReport> {
  const settings: TopicSettings = {
    partitions: options.partitions ?? defaultPartitions,
    replicationFactor: options.replicationFactor,
  };
  assertTopicSettings(settings);
  const names = [...new Set(options.topics ?? eventTopics)];
  names.forEach(assertLegalTopicName);

  const listed = new Set(await admin.listTopics());
  const missing = names.filter((name) => !listed.has(name));
  const createdByUs = await Promise.all(missing.map((name) => createTopic(admin, name, settings)));
  const created = missing.filter((_, index) => createdByUs[index]);
  const existing = names.filter((name) => !created.includes(name));

  await assertPartitionCounts(admin, names, settings.partitions);
  const configDrift =
    existing.length > 0
      ? await findConfigDrift(admin, existing, topicConfig(settings.replicationFactor))
      : [];
  return { created, existing, configDrift };
}

async function createTopic(
  admin: TopicAdmin,
  topic: string,
  settings: TopicSettings,
): Promise<boolean> {
  const configEntries = Object.entries(topicConfig(settings.replicationFactor)).map(
    ([name, value]) => ({ name, value }),
  );
  try {
    // One topic per request: kafkajs answers false only when every topic of a request already existed.
    return await admin.createTopics({
      topics: [
        {
          topic,
          numPartitions: settings.partitions,
          replicationFactor: settings.replicationFactor,
          configEntries,
        },
      ],
      waitForLeaders: true,
    });
  } catch (error) {
    if (isTopicAlreadyExists(error)) return false;
    // Created, but kafkajs' wait for leaders asked a broker that does not know the topic yet (it
    // retries only LEADER_NOT_AVAILABLE); assertPartitionCounts waits for the metadata instead.
    if (hasKafkaErrorType(error, ['UNKNOWN_TOPIC_OR_PARTITION'])) return true;
    throw error;
  }
}

async function assertPartitionCounts(
  admin: TopicAdmin,
  names: readonly string[],
  expected: number,
): Promise<void> {
  const { topics } = await fetchMetadataOnceKnown(admin, names);
  const mismatches = topics.filter((topic) => topic.partitions.length !== expected);
  if (mismatches.length === 0) return;
  const found = mismatches
    .map((topic) => `${topic.name} has ${topic.partitions.length}`)
    .join(', ');
  throw new TopicConfigurationError(
    'partition_count_mismatch',
    `${found} partitions, expected ${expected}. Partitions cannot be removed, and adding some moves keys to other partitions ` +
      `(breaking per-form order): configure the existing count, or migrate to a new topic version`,
  );
}

async function findConfigDrift(
  admin: TopicAdmin,
  topics: readonly string[],
  expected: Readonly<Record<string, string>>,
): Promise<ConfigDrift[]> {
  const { resources } = await admin.describeConfigs({
    resources: topics.map((name) => ({
      type: ConfigResourceTypes.TOPIC,
      name,
      configNames: Object.keys(expected),
    })),
    includeSynonyms: false,
  });
  return resources.flatMap((resource) =>
    Object.entries(expected).flatMap(([config, value]) => {
      const actual = resource.configEntries.find(
        (entry) => entry.configName === config,
      )?.configValue;
      return actual === value
        ? []
        : [{ topic: resource.resourceName, config, expected: value, actual }];
    }),
  );
}

/**
 * A topic another caller has just created may be unknown to the broker we ask, or still without a
 * leader, for a moment (kafkajs only waits for leaders of topics it created itself).
 */
async function fetchMetadataOnceKnown(
  admin: TopicAdmin,
  names: readonly string[],
): ReturnType<TopicAdmin['fetchTopicMetadata']> {
  const deadline = Date.now() + metadataWaitMs;
  for (;;) {
    try {
      return await admin.fetchTopicMetadata({ topics: [...names] });
    } catch (error) {
      if (!hasKafkaErrorType(error, notYetKnown) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

const metadataWaitMs = 30_000;
const notYetKnown = ['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE'];

function isTopicAlreadyExists(error: unknown): boolean {
  return hasKafkaErrorType(error, ['TOPIC_ALREADY_EXISTS']);
}

/** kafkajs wraps protocol errors (retries exceeded, aggregate errors): look through `cause` and `errors`. */
function hasKafkaErrorType(error: unknown, types: readonly string[]): boolean {
  if (!error || typeof error !== 'object') return false;
  const { type, errors, cause } = error as { type?: unknown; errors?: unknown; cause?: unknown };
  if (typeof type === 'string' && types.includes(type)) return true;
  if (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every((inner) => hasKafkaErrorType(inner, types))
  )
    return true;
  return cause !== error && hasKafkaErrorType(cause, types);
}
