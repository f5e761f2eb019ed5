/** OpenAPI examples of response submission. */
const formId = '0b9e2a4e-5c55-4f3e-9a53-6a1f0b3c2d11';
const submission = {
  answers: [
    { questionId: 'email', value: 'ada@example.org' },
    { questionId: 'monthly_income', value: 4200 },
    { questionId: 'monthly_savings', value: 600 },
    { questionId: 'colours', value: ['red', 'blue'] },
    { questionId: 'consent', value: true },
  ],
  submittedAt: '2025-05-01T12:00:00Z',
  metadata: { source: 'web', hiddenFields: { campaign: 'spring' }, locale: 'en-GB' },
};

export const responseExamples = {
  formId,
  submission,
  accepted: {
    responseId: '0196a3b2-7c1e-7b3a-9f10-3c5d2e8a4b61',
    formId,
    formVersion: 7,
    submittedAt: '2025-05-01T12:00:00.000Z',
    position: { topic: 'collect.responses.v1', partition: 4, offset: '18231' },
  },
  batch: {
    items: [
      { idempotencyKey: 'device-42-response-1', ...submission },
      { idempotencyKey: 'device-42-response-2', answers: [{ questionId: 'email', value: 'nope' }] },
    ],
  },
  batchResult: {
    items: [
      {
        index: 0,
        status: 202,
        responseId: '0196a3b2-7c1e-7b3a-9f10-3c5d2e8a4b61',
        formVersion: 7,
        submittedAt: '2025-05-01T12:00:00.000Z',
      },
      {
        index: 1,
        status: 422,
        code: 'validation-failed',
        message: 'The response has 1 problem(s); see errors.',
        errors: [
          {
            path: '/answers/0',
            questionId: 'email',
            code: 'invalid_email',
            message: 'Enter an email address like name@example.org.',
          },
        ],
      },
    ],
  },
};
