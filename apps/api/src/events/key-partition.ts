import { Partitioners, type PartitionMetadata } from 'kafkajs';

const partitioner = Partitioners.DefaultPartitioner();
const metadataCache = new Map<number, PartitionMetadata[]>();
// murmur2 in JavaScript (64-bit math through kafkajs' Long) is a visible share of a submission's
// CPU; a form's partition never changes for a given partition count.
const partitionCache = new Map<string, number>();
const maxCachedKeys = 100_000;

/**
 * The partition kafkajs' default (Java-compatible, murmur2) partitioner picks for a keyed
 * message: it depends only on the key and the partition count, so the publisher can set it
 * explicitly and know the exact offset of every event it sent.
 */
export function partitionForKey(topic: string, key: string, partitions: number): number {
  const cacheKey = `${partitions}\u0000${key}`;
  const cached = partitionCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const partition = computePartition(topic, key, partitions);
  if (partitionCache.size >= maxCachedKeys) partitionCache.clear();
  partitionCache.set(cacheKey, partition);
  return partition;
}

function computePartition(topic: string, key: string, partitions: number): number {
  let partitionMetadata = metadataCache.get(partitions);
  if (!partitionMetadata) {
    partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
      offlineReplicas: [],
      partitionErrorCode: 0,
    }));
    metadataCache.set(partitions, partitionMetadata);
  }
  return partitioner({ topic, partitionMetadata, message: { key, value: null } });
}
