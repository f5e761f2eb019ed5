import type { FormEvent, FormEventType } from '@collect/events';

type EnvelopeKeys = 'eventId' | 'occurredAt' | 'orgId' | 'formId' | 'aggregateVersion';

/** What a decision says, without the envelope fields every form event carries. */
export type FormEventBody<Type extends FormEventType = FormEventType> =
  Extract<FormEvent, { type: Type }> extends infer Event
    ? Event extends FormEvent
      ? Omit<Event, EnvelopeKeys>
      : never
    : never;
