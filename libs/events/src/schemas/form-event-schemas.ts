import { nullableField, stringArray, type AvroField, type AvroRecordSchema } from './avro-schema';
import { businessRuleRecord, formDefinitionRecord, questionRecord } from './definition-records';
import { eventsNamespace, formEventFields } from './event-fields';

// Version 1 of every form event schema. A schema change adds a V2 beside its V1 (never edits or
// deletes a published version: old events are decoded with it forever).

function formEvent(name: string, fields: readonly AvroField[]): AvroRecordSchema {
  return {
    type: 'record',
    name,
    namespace: eventsNamespace,
    fields: [...formEventFields, ...fields],
  };
}

export const formCreatedV1 = formEvent('FormCreated', [
  { name: 'title', type: 'string' },
  nullableField('description', 'string'),
]);

export const formDetailsChangedV1 = formEvent('FormDetailsChanged', [
  { name: 'title', type: 'string' },
  nullableField('description', 'string'),
]);

export const questionAddedV1 = formEvent('QuestionAdded', [
  { name: 'question', type: questionRecord() },
  {
    name: 'position',
    type: 'int',
    doc: '0-based index the question takes; later questions shift down',
  },
]);

export const questionChangedV1 = formEvent('QuestionChanged', [
  { name: 'question', type: questionRecord() },
]);

export const questionRemovedV1 = formEvent('QuestionRemoved', [
  { name: 'questionId', type: 'string' },
]);

export const questionsReorderedV1 = formEvent('QuestionsReordered', [
  { name: 'questionIds', type: stringArray },
]);

export const formRulesChangedV1 = formEvent('FormRulesChanged', [
  { name: 'rules', type: { type: 'array', items: businessRuleRecord() } },
]);

export const formPublishedV1 = formEvent('FormPublished', [
  { name: 'definition', type: formDefinitionRecord() },
]);

export const formClosedV1 = formEvent('FormClosed', []);
