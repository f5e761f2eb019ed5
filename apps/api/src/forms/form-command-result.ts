import type { FormEvent } from '@collect/events';
import type { EventPosition } from '../events';
import type { ExistingForm, FormStatus } from './domain';

/** What every form command answers: the form after the change and where its event(s) landed. */
export interface FormCommandResult {
  readonly formId: string;
  /** The form's version after the change: send it as `expectedVersion` with the next change. */
  readonly version: number;
  readonly status: FormStatus;
  /** The version responses are validated against; null until the first publish. */
  readonly publishedVersion: number | null;
  readonly title: string;
  readonly description: string | null;
  readonly questionCount: number;
  readonly ruleCount: number;
  readonly events: readonly RecordedEvent[];
}

export interface RecordedEvent {
  readonly type: FormEvent['type'];
  readonly eventId: string;
  readonly version: number;
  readonly position: EventPosition;
}

export function commandResult(
  form: ExistingForm,
  events: readonly FormEvent[],
  positions: readonly EventPosition[],
): FormCommandResult {
  return {
    formId: form.formId,
    version: form.version,
    status: form.status,
    publishedVersion: form.publishedVersion,
    title: form.title,
    description: form.description,
    questionCount: form.questions.length,
    ruleCount: form.rules.length,
    events: events.map((event, index) => ({
      type: event.type,
      eventId: event.eventId,
      version: event.aggregateVersion,
      position: positions[index]!,
    })),
  };
}
