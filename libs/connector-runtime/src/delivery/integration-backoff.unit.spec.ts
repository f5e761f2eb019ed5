import { responseAt } from '../testing/messages.testing';
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

  it('rests a throttled integration exactly until its next token, without growing its delay or calling it failing', () => {
    now = 10_000;
    const throttled = new IntegrationBackoff(
      { initialMs: 100, maxMs: 60_000 },
      () => now,
      () => 1,
    );
    const round = { complete: false, throttled: true, retryAfterMs: 1_100, delivered: [] };
    for (let i = 0; i < 5; i++) throttled.settled('t', round);
    expect(throttled.nextWakeAt()).toBe(11_100);
    expect(throttled.isResting('t')).toBe(true);
    expect(throttled.failingSince('t')).toBeUndefined();
    now = 11_100;
    expect(throttled.isResting('t')).toBe(false);
  });

  it('clears a failure once a throttled round delivered something (the target works again)', () => {
    now = 0;
    const engine = new IntegrationBackoff(
      { initialMs: 100, maxMs: 60_000 },
      () => now,
      () => 1,
    );
    engine.settled('f', {
      complete: false,
      throttled: false,
      retryAfterMs: undefined,
      delivered: [],
    });
    expect(engine.failingSince('f')).toBe(0);
    engine.settled('f', { complete: false, throttled: true, retryAfterMs: 500, delivered: [] });
    expect(engine.failingSince('f')).toBe(0);
    engine.settled('f', {
      complete: false,
      throttled: true,
      retryAfterMs: 500,
      delivered: [responseAt(1)],
    });
    expect(engine.failingSince('f')).toBeUndefined();
    expect(engine.failed('f')).toBe(100);
  });
});
