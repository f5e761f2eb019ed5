import { timestampMillis, uuidString, type AvroField } from './avro-schema';

export const eventsNamespace = 'dev.collect.events';

/** EventMetadata of form-events.ts. `type` is not a field: the record name says which event it is. */
export const metadataFields: readonly AvroField[] = [
  { name: 'eventId', type: uuidString },
  { name: 'occurredAt', type: timestampMillis, doc: 'epoch milliseconds' },
  { name: 'orgId', type: 'string' },
];

export const formEventFields: readonly AvroField[] = [
  ...metadataFields,
  { name: 'formId', type: 'string' },
  { name: 'aggregateVersion', type: 'int', doc: 'version of the form after this event' },
];
