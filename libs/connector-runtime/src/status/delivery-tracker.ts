import type { ServedIntegration } from '../delivery/delivery-round';

/**
 * What this process saw of each integration's deliveries, for its status: the oldest response
 * still waiting (its publish time) after a round that stopped short. Forgotten after a complete
 * round.
 */
export class DeliveryTracker {
  private readonly oldest = new Map<string, Date>();

  note(served: ServedIntegration): void {
    const { settlement, integrationId } = served;
    if (settlement.complete) {
      this.oldest.delete(integrationId);
      return;
    }
    const known = this.oldest.get(integrationId);
    const seen = settlement.oldestWaiting;
    if (seen && (!known || seen < known)) this.oldest.set(integrationId, seen);
  }

  oldestWaiting(integrationId: string): Date | undefined {
    return this.oldest.get(integrationId);
  }
}
