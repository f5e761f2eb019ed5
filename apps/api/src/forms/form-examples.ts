/** OpenAPI examples of the forms endpoints. */
const formId = '6f0c2a7e-3b1d-4e5f-8a9b-0c1d2e3f4a5b';

const question = {
  questionId: 'monthly_income',
  type: 'number',
  title: 'What is your monthly income?',
  description: 'In euros, after tax',
  required: true,
  constraints: { min: 0, max: 1_000_000, integer: true },
};

const result = (
  version: number,
  type: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  formId,
  version,
  status: 'draft',
  publishedVersion: null,
  title: 'Household budget survey',
  description: 'Ten questions about saving',
  questionCount: 2,
  ruleCount: 0,
  events: [
    {
      type,
      eventId: '9d2c4b1a-7e6f-4a3b-8c9d-0e1f2a3b4c5d',
      version,
      position: { topic: 'collect.forms.v1', partition: 7, offset: '1042' },
    },
  ],
  ...extra,
});

export const formExamples = {
  formId,
  create: { title: 'Household budget survey', description: 'Ten questions about saving' },
  created: result(1, 'FormCreated', { questionCount: 0 }),
  changeDetails: { expectedVersion: 3, title: 'Household budget survey 2025' },
  detailsChanged: result(4, 'FormDetailsChanged', { title: 'Household budget survey 2025' }),
  addQuestion: { expectedVersion: 1, question, position: 0 },
  questionAdded: result(2, 'QuestionAdded', { questionCount: 1 }),
  changeQuestion: { expectedVersion: 2, question: { ...question, required: false } },
  questionChanged: result(3, 'QuestionChanged'),
  questionRemoved: result(5, 'QuestionRemoved', { questionCount: 1 }),
  reorder: { expectedVersion: 3, questionIds: ['monthly_savings', 'monthly_income'] },
  reordered: result(4, 'QuestionsReordered'),
  setRules: {
    expectedVersion: 4,
    rules: [
      {
        ruleId: 'savings_within_income',
        expression: 'answers.monthly_savings <= answers.monthly_income',
        message: 'Savings cannot exceed income',
        questionIds: ['monthly_savings'],
      },
    ],
  },
  rulesSet: result(5, 'FormRulesChanged', { ruleCount: 1 }),
  versionOnly: { expectedVersion: 5 },
  published: result(6, 'FormPublished', { status: 'published', publishedVersion: 6, ruleCount: 1 }),
  closed: result(7, 'FormClosed', { status: 'closed', publishedVersion: 6, ruleCount: 1 }),
} as const;
