import { backoffDelayMs, type BackoffPolicy } from '@collect/kafka';
import type { Settlement } from './settle';

interface Failing {
  readonly attempts: number;
  readonly until: number;
  readonly since: number;
}

/**
 * The retry engine's memory per integration: after a round that left responses waiting, the
 * integration rests for a jittered exponential delay (at least what the target asked for,
 * capped by the policy); a complete round forgets it. Resting integrations are left out of
 * catch-up rounds, so one unreachable target never holds back the others. A round held back
 * only by the runtime's own rate limits is no failure: the integration rests until the next
 * token is due, without growing its delay (a backlog under a quota would otherwise sleep through
 * the tokens it is owed).
 */
export class IntegrationBackoff {
  private readonly failing = new Map<string, Failing>();
  /** Integrations waiting for a rate-limit token, until when. */
  private readonly throttledUntil = new Map<string, number>();

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  failed(integrationId: string, retryAfterMs?: number): number {
    const previous = this.failing.get(integrationId);
    const attempts = (previous?.attempts ?? 0) + 1;
    const delay = Math.max(
      backoffDelayMs(this.policy, attempts - 1, this.random),
      Math.min(retryAfterMs ?? 0, this.policy.maxMs),
    );
    const now = this.now();
    this.failing.set(integrationId, {
      attempts,
      until: now + delay,
      since: previous?.since ?? now,
    });
    return delay;
  }

  succeeded(integrationId: string): void {
    this.failing.delete(integrationId);
    this.throttledUntil.delete(integrationId);
  }

  /**
   * Rests `integrationId` for `waitMs` (the time until a token is due, capped by the policy)
   * without counting a failure; a round that delivered something also shows the target works.
   */
  throttled(integrationId: string, waitMs: number, deliveredSome: boolean): number {
    if (deliveredSome) this.failing.delete(integrationId);
    const delay = Math.min(Math.max(waitMs, 1), this.policy.maxMs);
    this.throttledUntil.set(integrationId, this.now() + delay);
    return delay;
  }

  /** Feeds one integration's settled round in: complete, throttled, or failed. */
  settled(
    integrationId: string,
    settlement: Pick<Settlement, 'complete' | 'throttled' | 'retryAfterMs' | 'delivered'>,
  ): void {
    if (settlement.complete) this.succeeded(integrationId);
    else if (settlement.throttled)
      this.throttled(integrationId, settlement.retryAfterMs ?? 0, settlement.delivered.length > 0);
    else this.failed(integrationId, settlement.retryAfterMs);
  }

  isResting(integrationId: string): boolean {
    const now = this.now();
    const entry = this.failing.get(integrationId);
    return (
      (entry !== undefined && entry.until > now) ||
      (this.throttledUntil.get(integrationId) ?? 0) > now
    );
  }

  /** Failing since when (undefined: not failing). */
  failingSince(integrationId: string): number | undefined {
    return this.failing.get(integrationId)?.since;
  }

  /** When the next resting integration may be retried (undefined: none rests). */
  nextWakeAt(): number | undefined {
    let next: number | undefined;
    const now = this.now();
    const untils = [
      ...[...this.failing.values()].map((f) => f.until),
      ...this.throttledUntil.values(),
    ];
    for (const until of untils) {
      if (until > now && (next === undefined || until < next)) next = until;
    }
    return next;
  }

  /** Forgets integrations no longer attached. */
  retain(integrationIds: ReadonlySet<string>): void {
    for (const id of this.failing.keys()) if (!integrationIds.has(id)) this.failing.delete(id);
    for (const id of this.throttledUntil.keys())
      if (!integrationIds.has(id)) this.throttledUntil.delete(id);
  }
}
