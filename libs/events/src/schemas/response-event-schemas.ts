import { nullableField, timestampMillis, type AvroRecordSchema } from './avro-schema';
import { answerRecord, responseMetadataRecord } from './definition-records';
import { eventsNamespace, metadataFields } from './event-fields';

// Version 1 of ResponseSubmitted. A schema change adds a V2 beside it (see form-event-schemas.ts).

export const responseSubmittedV1: AvroRecordSchema = {
  type: 'record',
  name: 'ResponseSubmitted',
  namespace: eventsNamespace,
  fields: [
    ...metadataFields,
    { name: 'responseId', type: 'string' },
    { name: 'aggregateVersion', type: 'int' },
    { name: 'formId', type: 'string' },
    { name: 'formVersion', type: 'int' },
    {
      name: 'submittedAt',
      type: timestampMillis,
      doc: 'epoch milliseconds: filled in (offline sync) or arrived',
    },
    { name: 'answers', type: { type: 'array', items: answerRecord() } },
    { name: 'metadata', type: responseMetadataRecord() },
    nullableField('idempotencyKey', 'string'),
  ],
};
