import type { CollectEvent, CollectEventType } from '../collect-event';
import { noConstraints, type FormDefinition, type Question } from '../form-definition';

// One example of every event type, with every nullable field filled somewhere and null somewhere.

const emailQuestion: Question = {
  questionId: 'q-email',
  type: 'email',
  title: 'Your email',
  description: null,
  required: true,
  constraints: { ...noConstraints, minLength: 3, maxLength: 254, pattern: '^[^@]+@[^@]+$' },
};

const incomeQuestion: Question = {
  questionId: 'q-income',
  type: 'number',
  title: 'Monthly income',
  description: 'Before tax, in EUR',
  required: false,
  constraints: { ...noConstraints, min: 0, max: 1_000_000.5, integer: false },
};

const colourQuestion: Question = {
  questionId: 'q-colours',
  type: 'multiple_choice',
  title: 'Favourite colours',
  description: null,
  required: false,
  constraints: {
    ...noConstraints,
    options: [
      { optionId: 'red', label: 'Red' },
      { optionId: 'blue', label: 'Blue' },
    ],
    minSelected: 1,
    maxSelected: 2,
  },
};

const definition: FormDefinition = {
  title: 'Survey',
  description: null,
  questions: [emailQuestion, incomeQuestion, colourQuestion],
  rules: [
    {
      ruleId: 'r1',
      expression: 'answers["q-income"] >= 0',
      message: 'Income cannot be negative',
      questionIds: ['q-income'],
    },
  ],
};

const form = { orgId: 'org-1', formId: 'form-1' } as const;
const at = (eventId: string, occurredAt: number, aggregateVersion: number) => ({
  eventId,
  occurredAt,
  aggregateVersion,
  ...form,
});

export const exampleEvents: {
  readonly [T in CollectEventType]: Extract<CollectEvent, { type: T }>;
} = {
  FormCreated: {
    type: 'FormCreated',
    ...at('6f1c1f5e-0000-4000-8000-000000000001', 1_735_689_600_000, 1),
    title: 'Survey',
    description: 'Yearly',
  },
  FormDetailsChanged: {
    type: 'FormDetailsChanged',
    ...at('6f1c1f5e-0000-4000-8000-000000000002', 1_735_689_600_001, 2),
    title: 'Survey 2025',
    description: null,
  },
  QuestionAdded: {
    type: 'QuestionAdded',
    ...at('6f1c1f5e-0000-4000-8000-000000000003', 1_735_689_600_002, 3),
    question: incomeQuestion,
    position: 0,
  },
  QuestionChanged: {
    type: 'QuestionChanged',
    ...at('6f1c1f5e-0000-4000-8000-000000000004', 1_735_689_600_003, 4),
    question: colourQuestion,
  },
  QuestionRemoved: {
    type: 'QuestionRemoved',
    ...at('6f1c1f5e-0000-4000-8000-000000000005', 1_735_689_600_004, 5),
    questionId: 'q-old',
  },
  QuestionsReordered: {
    type: 'QuestionsReordered',
    ...at('6f1c1f5e-0000-4000-8000-000000000006', 1_735_689_600_005, 6),
    questionIds: ['q-income', 'q-email', 'q-colours'],
  },
  FormRulesChanged: {
    type: 'FormRulesChanged',
    ...at('6f1c1f5e-0000-4000-8000-000000000007', 1_735_689_600_006, 7),
    rules: definition.rules,
  },
  FormPublished: {
    type: 'FormPublished',
    ...at('6f1c1f5e-0000-4000-8000-000000000008', 1_735_689_600_007, 8),
    definition,
  },
  FormClosed: {
    type: 'FormClosed',
    ...at('6f1c1f5e-0000-4000-8000-000000000009', 1_735_689_600_008, 9),
  },
  ResponseSubmitted: {
    type: 'ResponseSubmitted',
    eventId: '6f1c1f5e-0000-4000-8000-00000000000a',
    occurredAt: 1_735_689_700_000,
    orgId: 'org-1',
    responseId: 'resp-1',
    aggregateVersion: 1,
    formId: 'form-1',
    formVersion: 8,
    submittedAt: 1_735_689_650_123,
    answers: [
      { questionId: 'q-email', value: 'ada@example.org' },
      { questionId: 'q-income', value: 3 },
      { questionId: 'q-zip', value: '3' },
      { questionId: 'q-colours', value: ['red', 'blue'] },
      { questionId: 'q-consent', value: true },
      { questionId: 'q-rating', value: 4.5 },
    ],
    metadata: {
      source: 'web',
      hiddenFields: { campaign: 'spring', device: 'd-42' },
      locale: 'en-GB',
    },
    idempotencyKey: 'idem-1',
  },
};

export const allExampleEvents: readonly CollectEvent[] = Object.values(exampleEvents);
