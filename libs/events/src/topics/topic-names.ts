import { TopicConfigurationError } from '../errors';

/** Form lifecycle events, key = formId. */
export const formsTopic = 'collect.forms.v1';
/** ResponseSubmitted, key = formId (one form's responses stay in order on one partition). The event store. */
export const responsesTopic = 'collect.responses.v1';
export const eventTopics: readonly string[] = [formsTopic, responsesTopic];

export const deadLetterTopicPrefix = 'collect.dlq.';

const legalTopicName = /^[a-zA-Z0-9._-]+$/;
const maxTopicNameLength = 249;

/** `collect.dlq.<consumer>`; `consumer` names the consumer that quarantined the value, e.g. `projector`, `google-sheets`. */
export function deadLetterTopic(consumer: string): string {
  const name = `${deadLetterTopicPrefix}${consumer}`;
  if (!consumer || !legalTopicName.test(consumer) || name.length > maxTopicNameLength) {
    throw new TopicConfigurationError(
      'invalid_topic_name',
      `"${consumer}" cannot name a dead-letter topic: use 1-${maxTopicNameLength - deadLetterTopicPrefix.length} characters of a-z, A-Z, 0-9, ".", "_" or "-"`,
    );
  }
  return name;
}

export function assertLegalTopicName(name: string): void {
  if (
    !legalTopicName.test(name) ||
    name.length > maxTopicNameLength ||
    name === '.' ||
    name === '..'
  ) {
    throw new TopicConfigurationError(
      'invalid_topic_name',
      `"${name}" is not a legal Kafka topic name: use 1-${maxTopicNameLength} characters of a-z, A-Z, 0-9, ".", "_" or "-"`,
    );
  }
}
