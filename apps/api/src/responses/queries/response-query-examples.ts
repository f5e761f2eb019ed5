import type { ResponseView } from './response-views';

/** OpenAPI examples of the responses read endpoints. */

const formId = '0b9e2a4e-5c55-4f3e-9a53-6a1f0b3c2d11';
const responseId = '5b7f3c1e-2d4a-4b6c-8e9f-0a1b2c3d4e5f';

const response: ResponseView = {
  responseId,
  formId,
  formVersion: 6,
  sequence: 1289,
  submittedAt: '2025-03-04T17:41:20.002Z',
  receivedAt: '2025-03-04T17:41:20.187Z',
  source: 'web',
  locale: 'en-GB',
  hiddenFields: { campaign: 'spring' },
  answers: [
    { questionId: 'monthly_income', value: 3200 },
    { questionId: 'monthly_savings', value: 450 },
    { questionId: 'pets', value: ['cat', 'dog'] },
    { questionId: 'born', value: '1990-05-17' },
  ],
};

export const responseQueryExamples = {
  formId,
  responseId,
  response,
  page: {
    items: [response],
    nextCursor:
      'eyJrIjoicmVzcG9uc2VzIiwiYXQiOiIyMDI1LTAzLTA0VDE3OjQxOjIwLjAwMjAwMFoiLCJpZCI6IjViN2YifQ',
  },
  csv:
    'responseId,submittedAt,What is your monthly income?,How much do you save?,Pets,Born\r\n' +
    `${responseId},2025-03-04T17:41:20.002Z,3200,450,cat;dog,1990-05-17\r\n`,
} as const;
