import { integration } from '../testing/messages.testing';
import { needsSeek, planCatchUp } from './catch-up-plan';

describe('the catch-up plan', () => {
  const a = integration('a');
  const b = integration('b');
  const c = integration('c');

  it('reads each partition from the smallest cursor among the integrations behind the live group, for them only', () => {
    const plans = planCatchUp(
      [
        { integration: a, partition: 0, cursor: 50n, groupOffset: 100n },
        { integration: b, partition: 0, cursor: 10n, groupOffset: 100n },
        { integration: c, partition: 0, cursor: 100n, groupOffset: 100n },
        { integration: a, partition: 1, cursor: 5n, groupOffset: 7n },
      ],
      () => false,
    );
    expect(plans.get(0)).toEqual({ partition: 0, from: 10n, integrations: [a, b] });
    expect(plans.get(1)).toEqual({ partition: 1, from: 5n, integrations: [a] });
  });

  it('leaves resting integrations (backing off after a failure) out, and a partition with nobody else unread', () => {
    const plans = planCatchUp(
      [
        { integration: a, partition: 0, cursor: 10n, groupOffset: 100n },
        { integration: b, partition: 1, cursor: 10n, groupOffset: 100n },
      ],
      (id) => id === 'a',
    );
    expect([...plans.keys()]).toEqual([1]);
  });

  it('seeks back for a lower cursor, forward only over a long stretch', () => {
    const plan = { partition: 0, from: 100n, integrations: [a] };
    expect(needsSeek(undefined, plan, 1_000n)).toBe(true);
    expect(needsSeek(150n, plan, 1_000n)).toBe(true);
    expect(needsSeek(90n, plan, 1_000n)).toBe(false);
    expect(needsSeek(90n, { ...plan, from: 5_000n }, 1_000n)).toBe(true);
  });
});
