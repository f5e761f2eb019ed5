import { TopicConfigurationError } from '../errors';

export const defaultPartitions = 12;

export interface TopicSettings {
  readonly partitions: number;
  readonly replicationFactor: number;
}

/**
 * A majority of replicas must acknowledge (acks=all) from replication factor 3 up (3 → 2, 5 → 3).
 * Below 3 a majority would be every replica, and one broker outage would stop all writes.
 */
export function minInsyncReplicasFor(replicationFactor: number): number {
  return replicationFactor < 3 ? 1 : Math.floor(replicationFactor / 2) + 1;
}

/**
 * Broker configs of every topic we own. Retention is unlimited: event topics are the event store
 * and the source of every backfill; dead letters must wait for their redrive however long a fix takes.
 */
export function topicConfig(replicationFactor: number): Readonly<Record<string, string>> {
  return {
    'cleanup.policy': 'delete',
    'retention.ms': '-1',
    'retention.bytes': '-1',
    'min.insync.replicas': String(minInsyncReplicasFor(replicationFactor)),
    'unclean.leader.election.enable': 'false',
  };
}

export function assertTopicSettings({ partitions, replicationFactor }: TopicSettings): void {
  for (const [name, value] of [
    ['partitions', partitions],
    ['replicationFactor', replicationFactor],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new TopicConfigurationError(
        'invalid_topic_settings',
        `${name} must be a whole number of at least 1, got ${value}`,
      );
    }
  }
}
