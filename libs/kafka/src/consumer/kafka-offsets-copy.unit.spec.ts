import { KafkaOffsetsCopy, type OffsetToCommit } from './kafka-offsets-copy';

describe('KafkaOffsetsCopy', () => {
  const copy = (
    commits: OffsetToCommit[][],
    commit?: (offsets: OffsetToCommit[]) => Promise<void>,
  ) =>
    new KafkaOffsetsCopy({
      commit:
        commit ??
        ((offsets) => {
          commits.push(offsets);
          return Promise.resolve();
        }),
      intervalMs: 60_000,
      onError: () => undefined,
    });

  it('commits only the newest offset of each partition, once, when flushed', async () => {
    const commits: OffsetToCommit[][] = [];
    const offsets = copy(commits);
    offsets.applied('t', 0, 5n);
    offsets.applied('t', 0, 9n);
    offsets.applied('t', 1, 3n);
    await offsets.flush();
    await offsets.flush();
    expect(commits).toEqual([
      [
        { topic: 't', partition: 0, offset: '9' },
        { topic: 't', partition: 1, offset: '3' },
      ],
    ]);
  });

  it('forgets discarded offsets: the new owner of the partitions commits its own', async () => {
    const commits: OffsetToCommit[][] = [];
    const offsets = copy(commits);
    offsets.applied('t', 0, 5n);
    offsets.discard();
    await offsets.flush();
    expect(commits).toEqual([]);
  });

  it('reports a failed commit instead of throwing, and commits newer offsets later', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const committed: OffsetToCommit[][] = [];
    const offsets = new KafkaOffsetsCopy({
      commit: (batch) => {
        if (fail) return Promise.reject(new Error('rebalancing'));
        committed.push(batch);
        return Promise.resolve();
      },
      intervalMs: 60_000,
      onError: (error) => errors.push(error),
    });
    offsets.applied('t', 0, 5n);
    await offsets.flush();
    fail = false;
    offsets.applied('t', 0, 7n);
    await offsets.flush();
    expect(errors).toHaveLength(1);
    expect(committed).toEqual([[{ topic: 't', partition: 0, offset: '7' }]]);
  });
});
