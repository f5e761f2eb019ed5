import { ConfigResourceTypes, Kafka, logLevel, type Admin } from 'kafkajs';
import { uniqueName } from '../../../../test/support/names';
import { stackEnv } from '../../../../test/support/stack-env';
import { ensureTopics } from './ensure-topics';

describe('ensureTopics against the real broker', () => {
  let admin: Admin;

  beforeAll(async () => {
    admin = new Kafka({
      clientId: 'events-int',
      brokers: stackEnv().kafkaBrokers,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.disconnect();
  });

  // Random prefixes stand in for the real names, so runs never share topics.
  const topicsLike = (prefix: string): string[] => [
    `${prefix}.collect.forms.v1`,
    `${prefix}.collect.responses.v1`,
  ];

  it('creates the topics once with our settings when two callers race, and is a no-op afterwards', async () => {
    const topics = topicsLike(uniqueName('test'));
    const options = { topics, partitions: 3, replicationFactor: 1 };

    const reports = await Promise.all([ensureTopics(admin, options), ensureTopics(admin, options)]);
    expect(reports.flatMap((report) => report.created).sort()).toEqual([...topics].sort());

    const again = await ensureTopics(admin, options);
    expect(again).toEqual({ created: [], existing: topics, configDrift: [] });

    const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
    expect(metadata.map((topic) => topic.partitions.length)).toEqual([3, 3]);
    const { resources } = await admin.describeConfigs({
      resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
      includeSynonyms: false,
    });
    for (const resource of resources) {
      const config = Object.fromEntries(
        resource.configEntries.map((entry) => [entry.configName, entry.configValue]),
      );
      expect(config).toMatchObject({
        'cleanup.policy': 'delete',
        'retention.ms': '-1',
        'retention.bytes': '-1',
        'min.insync.replicas': '1',
      });
    }
  });

  it('refuses an existing topic with another partition count', async () => {
    const topics = topicsLike(uniqueName('test'));
    await ensureTopics(admin, { topics, partitions: 2, replicationFactor: 1 });
    await expect(
      ensureTopics(admin, { topics, partitions: 4, replicationFactor: 1 }),
    ).rejects.toMatchObject({
      code: 'partition_count_mismatch',
      message: expect.stringContaining('has 2 partitions, expected 4') as unknown,
    });
  });

  it('reports, without altering, an existing topic whose retention differs', async () => {
    const [topic] = topicsLike(uniqueName('test'));
    await admin.createTopics({
      topics: [
        {
          topic: topic!,
          numPartitions: 2,
          configEntries: [{ name: 'retention.ms', value: '604800000' }],
        },
      ],
    });
    const report = await ensureTopics(admin, {
      topics: [topic!],
      partitions: 2,
      replicationFactor: 1,
    });
    expect(report.configDrift).toEqual([
      { topic, config: 'retention.ms', expected: '-1', actual: '604800000' },
    ]);
  });
});
