import type { Admin } from 'kafkajs';

/** The partition ids of a topic, in order; throws while it has none (not created yet). */
export async function topicPartitions(admin: Admin, topic: string): Promise<number[]> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const partitions = topics[0]?.partitions.map((p) => p.partitionId).sort((a, b) => a - b) ?? [];
  if (partitions.length === 0) throw new Error(`${topic} has no partitions yet`);
  return partitions;
}
