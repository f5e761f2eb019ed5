import { AppliedOffsets } from './applied-offsets';

describe('AppliedOffsets', () => {
  it('wakes a waiter once every partition reached its target, and never moves backwards', async () => {
    const offsets = new AppliedOffsets();
    const waiting = offsets.waitUntil(
      new Map([
        [0, 3n],
        [1, 1n],
      ]),
      5_000,
    );
    offsets.applied(0, 2n);
    offsets.applied(0, 0n); // a replay after a rebalance
    expect(offsets.nextOf(0)).toBe(3n);
    offsets.applied(1, 0n);
    await expect(waiting).resolves.toBe(true);
  });

  it('resolves false at the deadline, and at once when already there', async () => {
    const offsets = new AppliedOffsets();
    await expect(offsets.waitUntil(new Map([[0, 1n]]), 10)).resolves.toBe(false);
    await expect(offsets.waitUntil(new Map([[0, 0n]]), 10)).resolves.toBe(true);
  });

  it('lets shutdown release every waiter as not reached', async () => {
    const offsets = new AppliedOffsets();
    const waiting = offsets.waitUntil(new Map([[0, 1n]]), 60_000);
    offsets.abandonAll();
    await expect(waiting).resolves.toBe(false);
  });
});
