import { IntegrationBackoff } from './integration-backoff';

describe('the retry engine’s backoff per integration', () => {
  let now = 0;
  const backoff = new IntegrationBackoff(
    { initialMs: 100, maxMs: 1_000 },
    () => now,
    () => 1,
  );

  it('rests a failing integration for a doubling, capped delay, at least what the target asked', () => {
    expect(backoff.failed('a')).toBe(100);
    expect(backoff.failed('a')).toBe(200);
    expect(backoff.failed('a')).toBe(400);
    expect(backoff.failed('a')).toBe(800);
    expect(backoff.failed('a')).toBe(1_000);
    expect(backoff.failed('b', 700)).toBe(700);
    expect(backoff.failed('c', 60_000)).toBe(1_000);
    expect(backoff.isResting('a')).toBe(true);
    expect(backoff.nextWakeAt()).toBe(700);
  });

  it('lets it be retried once the delay passed, and forgets it after a success', () => {
    now = 2_000;
    expect(backoff.isResting('a')).toBe(false);
    expect(backoff.failingSince('a')).toBe(0);
    backoff.succeeded('a');
    expect(backoff.failingSince('a')).toBeUndefined();
    expect(backoff.failed('a')).toBe(100);
  });
});
