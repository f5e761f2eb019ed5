// The form and the submission tools/bench/ingest.ts (and submission-steps.ts) measure: eight
// questions of the common types, one business rule, and a 441-byte response that passes them.

async function call(
  url: string,
  key: string,
  body: unknown,
  method = 'POST',
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export const questions = [
  { questionId: 'email', type: 'email', title: 'Email', required: true, constraints: {} },
  {
    questionId: 'age',
    type: 'number',
    title: 'Age',
    required: true,
    constraints: { min: 0, max: 150, integer: true },
  },
  {
    questionId: 'income',
    type: 'number',
    title: 'Monthly income',
    required: false,
    constraints: { min: 0 },
  },
  {
    questionId: 'savings',
    type: 'number',
    title: 'Monthly savings',
    required: false,
    constraints: { min: 0 },
  },
  {
    questionId: 'colour',
    type: 'single_choice',
    title: 'Colour',
    required: false,
    constraints: {
      options: ['red', 'green', 'blue'].map((optionId) => ({ optionId, label: optionId })),
    },
  },
  { questionId: 'visited', type: 'date', title: 'Visited on', required: false, constraints: {} },
  { questionId: 'consent', type: 'boolean', title: 'Consent', required: true, constraints: {} },
  { questionId: 'comment', type: 'long_text', title: 'Comment', required: false, constraints: {} },
];
export const rules = [
  {
    ruleId: 'savings',
    expression: 'answers.savings <= answers.income',
    message: 'Savings exceed income.',
    questionIds: ['savings'],
  },
];
export const body = JSON.stringify({
  answers: [
    { questionId: 'email', value: 'ada@example.org' },
    { questionId: 'age', value: 36 },
    { questionId: 'income', value: 4200 },
    { questionId: 'savings', value: 600 },
    { questionId: 'colour', value: 'blue' },
    { questionId: 'visited', value: '2025-04-30' },
    { questionId: 'consent', value: true },
    { questionId: 'comment', value: 'Quick and painless, thank you.' },
  ],
  metadata: { source: 'bench', hiddenFields: { campaign: 'spring' }, locale: 'en-GB' },
});

/** An organisation, a key with responses:write, and a published form with the questions and rule. */
export async function setUpForm(
  api: string,
  adminKey: string,
): Promise<{ key: string; formId: string }> {
  const org = await call(`${api}/v1/organisations`, adminKey, { name: `bench-${Date.now()}` });
  const { key } = (await call(`${api}/v1/organisations/${String(org.orgId)}/api-keys`, adminKey, {
    name: 'bench',
    scopes: ['forms:write', 'responses:write'],
  })) as { key: string };
  const form = await call(`${api}/v1/forms`, key, { title: 'Bench survey' });
  const formId = String(form.formId);
  let version = Number(form.version);
  for (const question of questions) {
    version = Number(
      (
        await call(`${api}/v1/forms/${formId}/questions`, key, {
          expectedVersion: version,
          question,
        })
      ).version,
    );
  }
  version = Number(
    (await call(`${api}/v1/forms/${formId}/rules`, key, { expectedVersion: version, rules }, 'PUT'))
      .version,
  );
  await call(`${api}/v1/forms/${formId}/publish`, key, { expectedVersion: version });
  return { key, formId };
}
