import type { ITopicConfig } from 'kafkajs';
import { TopicConfigurationError } from '../errors';
import { ensureTopics, type TopicAdmin } from './ensure-topics';
import { deadLetterTopic, eventTopics } from './topic-names';
import { minInsyncReplicasFor, topicConfig } from './topic-settings';

describe('topic names', () => {
  it('names the event topics and dead letters as the architecture says', () => {
    expect(eventTopics).toEqual(['collect.forms.v1', 'collect.responses.v1']);
    expect(deadLetterTopic('google-sheets')).toBe('collect.dlq.google-sheets');
  });

  it.each(['', 'with space', 'slash/y', 'x'.repeat(240)])(
    'refuses %j as a dead-letter consumer name',
    (consumer) => {
      expect(() => deadLetterTopic(consumer)).toThrow(TopicConfigurationError);
    },
  );
});

describe('topic settings', () => {
  it.each([
    [1, 1],
    [2, 1],
    [3, 2],
    [4, 3],
    [5, 3],
  ])('replication factor %i → min.insync.replicas %i', (replicationFactor, minInsync) => {
    expect(minInsyncReplicasFor(replicationFactor)).toBe(minInsync);
  });

  it('keeps every event forever', () => {
    expect(topicConfig(3)).toMatchObject({
      'cleanup.policy': 'delete',
      'retention.ms': '-1',
      'retention.bytes': '-1',
      'min.insync.replicas': '2',
    });
  });
});

/** An admin in memory: enough to check ensureTopics' decisions without a broker (the int test uses a real one). */
function fakeAdmin(
  existing: Record<string, number>,
  onCreate?: (topic: ITopicConfig) => void,
): TopicAdmin & { created: ITopicConfig[] } {
  const created: ITopicConfig[] = [];
  const partitions = { ...existing };
  const admin = {
    created,
    listTopics: () => Promise.resolve(Object.keys(partitions)),
    createTopics: ({ topics }: { topics: ITopicConfig[] }) => {
      for (const topic of topics) {
        onCreate?.(topic);
        created.push(topic);
        partitions[topic.topic] = topic.numPartitions ?? 1;
      }
      return Promise.resolve(true);
    },
    fetchTopicMetadata: ({ topics }: { topics: string[] }) =>
      Promise.resolve({
        topics: topics.map((name) => ({
          name,
          partitions: Array.from({ length: partitions[name] ?? 0 }, (_, partitionId) => ({
            partitionId,
          })),
        })),
      }),
    describeConfigs: () => Promise.resolve({ resources: [], throttleTime: 0 }),
  };
  return admin as unknown as TopicAdmin & { created: ITopicConfig[] };
}

describe('ensureTopics', () => {
  it('creates missing topics with 12 partitions and our configs by default', async () => {
    const admin = fakeAdmin({ 'collect.forms.v1': 12 });
    const report = await ensureTopics(admin, { replicationFactor: 3 });
    expect(report).toMatchObject({
      created: ['collect.responses.v1'],
      existing: ['collect.forms.v1'],
    });
    expect(admin.created).toEqual([
      {
        topic: 'collect.responses.v1',
        numPartitions: 12,
        replicationFactor: 3,
        configEntries: expect.arrayContaining([
          { name: 'retention.ms', value: '-1' },
          { name: 'min.insync.replicas', value: '2' },
        ]) as unknown,
      },
    ]);
  });

  it('counts a topic another caller created meanwhile as existing', async () => {
    const admin = fakeAdmin({}, () => {
      throw Object.assign(new Error('Topic with this name already exists'), {
        type: 'TOPIC_ALREADY_EXISTS',
      });
    });
    jest.spyOn(admin, 'fetchTopicMetadata').mockResolvedValue({
      topics: eventTopics.map((name) => ({
        name,
        partitions: Array.from({ length: 12 }, (_, partitionId) => ({
          partitionId,
          leader: 1,
          replicas: [1],
          isr: [1],
          offlineReplicas: [],
          partitionErrorCode: 0,
        })),
      })),
    });
    await expect(ensureTopics(admin, { replicationFactor: 1 })).resolves.toMatchObject({
      created: [],
      existing: eventTopics,
    });
  });

  it('refuses an existing topic with another partition count, saying why it will not change it', async () => {
    const admin = fakeAdmin({ 'collect.forms.v1': 6, 'collect.responses.v1': 12 });
    const error = await ensureTopics(admin, { replicationFactor: 1 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TopicConfigurationError);
    expect(error).toMatchObject({ code: 'partition_count_mismatch', retriable: false });
    expect((error as Error).message).toMatch(/collect\.forms\.v1 has 6 partitions, expected 12/);
  });

  it.each([{ partitions: 0 }, { partitions: 1.5 }, { replicationFactor: 0 }])(
    'refuses settings %j',
    async (settings) => {
      await expect(
        ensureTopics(fakeAdmin({}), { replicationFactor: 1, ...settings }),
      ).rejects.toMatchObject({ code: 'invalid_topic_settings' });
    },
  );
});
