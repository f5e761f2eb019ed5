import type { DeliveryReport } from '../contract/connector';

/** Longest note kept; a longer one is cut with an ellipsis. */
export const MAX_NOTE_LENGTH = 500;

export interface StatusNote {
  readonly text: string;
  readonly at: Date;
}

/**
 * The notes connectors made about their integrations (`DeliveryReport.note`), held until the
 * status reporter writes them to `integration_status`. Making one wakes the reporter.
 */
export class StatusNotes {
  private readonly pending = new Map<string, StatusNote>();

  constructor(
    private readonly wake: () => void = () => undefined,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The report handed to `deliver` for one integration. */
  reportFor(integrationId: string): DeliveryReport {
    return { note: (text) => this.note(integrationId, text) };
  }

  note(integrationId: string, text: string): void {
    const trimmed = text.trim();
    if (trimmed === '') return;
    const kept =
      trimmed.length <= MAX_NOTE_LENGTH ? trimmed : `${trimmed.slice(0, MAX_NOTE_LENGTH - 1)}…`;
    this.pending.set(integrationId, { text: kept, at: this.clock() });
    this.wake();
  }

  /** Removes and answers the pending notes of these integrations. */
  take(integrationIds: readonly string[]): Map<string, StatusNote> {
    const taken = new Map<string, StatusNote>();
    for (const id of integrationIds) {
      const note = this.pending.get(id);
      if (!note) continue;
      taken.set(id, note);
      this.pending.delete(id);
    }
    return taken;
  }

  /** Gives back notes that could not be written, unless a newer one was made meanwhile. */
  restore(notes: ReadonlyMap<string, StatusNote>): void {
    for (const [id, note] of notes) {
      if (!this.pending.has(id)) this.pending.set(id, note);
    }
  }
}
