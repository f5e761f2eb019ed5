import { integration } from '../testing/messages.testing';
import { BackfillProgress } from './backfill-progress';

describe('backfill progress', () => {
  const a = integration('a');

  it('counts from where the cursor was first seen behind the group to where the group was then', () => {
    const progress = new BackfillProgress();
    progress.observe([
      { integration: a, partition: 0, cursor: 0n, groupOffset: 1_000n },
      { integration: a, partition: 1, cursor: 500n, groupOffset: 700n },
    ]);
    expect(progress.progress('a')).toEqual({ done: 0n, total: 1_200n });
    progress.observe([{ integration: a, partition: 0, cursor: 400n, groupOffset: 1_300n }]);
    expect(progress.progress('a')).toEqual({ done: 600n, total: 1_200n });
    progress.observe([]);
    expect(progress.progress('a')).toEqual({ done: 1_200n, total: 1_200n });
  });

  it('starts a new count when the cursor moves back (a replay)', () => {
    const progress = new BackfillProgress();
    progress.observe([{ integration: a, partition: 0, cursor: 900n, groupOffset: 1_000n }]);
    progress.observe([{ integration: a, partition: 0, cursor: 100n, groupOffset: 1_000n }]);
    expect(progress.progress('a')).toEqual({ done: 0n, total: 900n });
  });
});
