import type { CollectEvent, CollectEventType } from '../collect-event';
import {
  formClosedV1,
  formCreatedV1,
  formDetailsChangedV1,
  formPublishedV1,
  formRulesChangedV1,
  questionAddedV1,
  questionChangedV1,
  questionRemovedV1,
  questionsReorderedV1,
} from '../schemas/form-event-schemas';
import { responseSubmittedV1 } from '../schemas/response-event-schemas';
import { formsTopic, responsesTopic } from '../topics/topic-names';
import type { EventContract } from './event-contract';

// Typed as a record over CollectEventType, so adding an event type without a contract fails to compile.
const contracts: { readonly [T in CollectEventType]: EventContract<T> } = {
  FormCreated: {
    type: 'FormCreated',
    topic: formsTopic,
    versions: [{ version: 1, schema: formCreatedV1 }],
  },
  FormDetailsChanged: {
    type: 'FormDetailsChanged',
    topic: formsTopic,
    versions: [{ version: 1, schema: formDetailsChangedV1 }],
  },
  QuestionAdded: {
    type: 'QuestionAdded',
    topic: formsTopic,
    versions: [{ version: 1, schema: questionAddedV1 }],
  },
  QuestionChanged: {
    type: 'QuestionChanged',
    topic: formsTopic,
    versions: [{ version: 1, schema: questionChangedV1 }],
  },
  QuestionRemoved: {
    type: 'QuestionRemoved',
    topic: formsTopic,
    versions: [{ version: 1, schema: questionRemovedV1 }],
  },
  QuestionsReordered: {
    type: 'QuestionsReordered',
    topic: formsTopic,
    versions: [{ version: 1, schema: questionsReorderedV1 }],
  },
  FormRulesChanged: {
    type: 'FormRulesChanged',
    topic: formsTopic,
    versions: [{ version: 1, schema: formRulesChangedV1 }],
  },
  FormPublished: {
    type: 'FormPublished',
    topic: formsTopic,
    versions: [{ version: 1, schema: formPublishedV1 }],
  },
  FormClosed: {
    type: 'FormClosed',
    topic: formsTopic,
    versions: [{ version: 1, schema: formClosedV1 }],
  },
  ResponseSubmitted: {
    type: 'ResponseSubmitted',
    topic: responsesTopic,
    versions: [{ version: 1, schema: responseSubmittedV1 }],
  },
};

export const collectEventContracts: readonly EventContract<CollectEventType>[] =
  Object.values(contracts);
export const collectEventTypes: readonly CollectEventType[] = collectEventContracts.map(
  (contract) => contract.type,
);

/** The schema version producers write for this event type (1 for every type today). */
export function schemaVersionOf(type: CollectEventType): number {
  const versions = contracts[type].versions;
  return versions[versions.length - 1]!.version;
}

export function topicOf(event: CollectEvent): string {
  return contracts[event.type].topic;
}

/** The Kafka key: every event is keyed by its form, so one form's events stay in order on one partition. */
export function keyOf(event: CollectEvent): string {
  return event.formId;
}
