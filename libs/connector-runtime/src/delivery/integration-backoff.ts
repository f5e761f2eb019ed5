import { backoffDelayMs, type BackoffPolicy } from '@collect/kafka';

interface Failing {
  readonly attempts: number;
  readonly until: number;
  readonly since: number;
}

/**
 * The retry engine's memory per integration: after a round that left responses waiting, the
 * integration rests for a jittered exponential delay (at least what the target asked for,
 * capped by the policy); a complete round forgets it. Resting integrations are left out of
 * catch-up rounds, so one unreachable target never holds back the others.
 */
export class IntegrationBackoff {
  private readonly failing = new Map<string, Failing>();

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
  }

  isResting(integrationId: string): boolean {
    const entry = this.failing.get(integrationId);
    return entry !== undefined && entry.until > this.now();
  }

  /** Failing since when (undefined: not failing). */
  failingSince(integrationId: string): number | undefined {
    return this.failing.get(integrationId)?.since;
  }

  /** When the next resting integration may be retried (undefined: none rests). */
  nextWakeAt(): number | undefined {
    let next: number | undefined;
    const now = this.now();
    for (const { until } of this.failing.values()) {
      if (until > now && (next === undefined || until < next)) next = until;
    }
    return next;
  }

  /** Forgets integrations no longer attached. */
  retain(integrationIds: ReadonlySet<string>): void {
    for (const id of this.failing.keys()) if (!integrationIds.has(id)) this.failing.delete(id);
  }
}
