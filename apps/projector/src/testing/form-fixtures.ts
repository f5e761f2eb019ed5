import {
  noConstraints,
  type FormEvent,
  type Question,
  type ResponseSubmitted,
} from '@collect/events';
import { randomUUID } from 'node:crypto';

/** Questions of every answer column, for fixtures. */
export const fixtureQuestions: readonly Question[] = [
  {
    questionId: 'name',
    type: 'short_text',
    title: 'Name',
    description: null,
    required: true,
    constraints: noConstraints,
  },
  {
    questionId: 'income',
    type: 'number',
    title: 'Income',
    description: null,
    required: false,
    constraints: noConstraints,
  },
  {
    questionId: 'consent',
    type: 'boolean',
    title: 'Consent',
    description: null,
    required: false,
    constraints: noConstraints,
  },
  {
    questionId: 'born',
    type: 'date',
    title: 'Born',
    description: null,
    required: false,
    constraints: noConstraints,
  },
  {
    questionId: 'colours',
    type: 'multiple_choice',
    title: 'Colours',
    description: null,
    required: false,
    constraints: {
      ...noConstraints,
      options: [
        { optionId: 'green', label: 'Green' },
        { optionId: 'yellow', label: 'Yellow' },
      ],
    },
  },
];

/** FormCreated, one QuestionAdded per fixture question, FormPublished: versions 1 … n+2. */
export function publishedFormEvents(orgId: string, formId: string, at = Date.now()): FormEvent[] {
  const base = (version: number) => ({
    eventId: randomUUID(),
    occurredAt: at + version,
    orgId,
    formId,
    aggregateVersion: version,
  });
  return [
    { type: 'FormCreated', ...base(1), title: 'Fixture form', description: null },
    ...fixtureQuestions.map((question, index): FormEvent => ({
      type: 'QuestionAdded',
      ...base(index + 2),
      question,
      position: index,
    })),
    {
      type: 'FormPublished',
      ...base(fixtureQuestions.length + 2),
      definition: {
        title: 'Fixture form',
        description: null,
        questions: fixtureQuestions,
        rules: [],
      },
    },
  ];
}

/** A response answering every fixture question; `n` varies the values. */
export function responseEvent(
  orgId: string,
  formId: string,
  n: number,
  formVersion = fixtureQuestions.length + 2,
): ResponseSubmitted {
  return {
    type: 'ResponseSubmitted',
    eventId: randomUUID(),
    occurredAt: 1_750_000_000_000 + n,
    orgId,
    responseId: randomUUID(),
    aggregateVersion: 1,
    formId,
    formVersion,
    submittedAt: 1_750_000_000_000 + n,
    answers: [
      { questionId: 'name', value: `person ${n}` },
      { questionId: 'income', value: n * 10.5 },
      { questionId: 'consent', value: n % 2 === 0 },
      {
        questionId: 'born',
        value: `19${String(50 + (n % 50)).padStart(2, '0')}-0${1 + (n % 9)}-1${n % 10}`,
      },
      { questionId: 'colours', value: n % 3 === 0 ? ['green', 'yellow'] : ['yellow'] },
    ],
    metadata: { source: 'web', hiddenFields: { campaign: `c${n % 4}` }, locale: 'en-GB' },
    idempotencyKey: null,
  };
}
