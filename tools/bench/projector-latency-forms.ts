// The API side of the latency benchmark: an organisation, an API key and published forms made
// over HTTP, and the body every submission sends.

export async function call(
  url: string,
  key: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

const QUESTIONS = [
  { questionId: 'name', type: 'short_text', title: 'Name', required: true, constraints: {} },
  { questionId: 'age', type: 'number', title: 'Age', required: true, constraints: { min: 0 } },
  {
    questionId: 'colour',
    type: 'single_choice',
    title: 'Colour',
    required: false,
    constraints: { options: ['red', 'blue'].map((optionId) => ({ optionId, label: optionId })) },
  },
  { questionId: 'visited', type: 'date', title: 'Visited on', required: false, constraints: {} },
  { questionId: 'consent', type: 'boolean', title: 'Consent', required: true, constraints: {} },
];
export const SUBMISSION = JSON.stringify({
  answers: [
    { questionId: 'name', value: 'Ada' },
    { questionId: 'age', value: 36 },
    { questionId: 'colour', value: 'blue' },
    { questionId: 'visited', value: '2025-04-30' },
    { questionId: 'consent', value: true },
  ],
  metadata: { source: 'bench', hiddenFields: { campaign: 'spring' }, locale: 'en-GB' },
});

export async function publishedForms(api: string, adminKey: string, count: number) {
  const org = await call(`${api}/v1/organisations`, adminKey, { name: `bench-${Date.now()}` });
  const { key } = (await call(`${api}/v1/organisations/${String(org.orgId)}/api-keys`, adminKey, {
    name: 'bench',
    scopes: ['forms:write', 'responses:write'],
  })) as { key: string };
  const formIds: string[] = [];
  for (let n = 0; n < count; n++) {
    const form = await call(`${api}/v1/forms`, key, { title: `Latency ${n}` });
    const formId = String(form.formId);
    let version = Number(form.version);
    for (const question of QUESTIONS) {
      const added = await call(`${api}/v1/forms/${formId}/questions`, key, {
        expectedVersion: version,
        question,
      });
      version = Number(added.version);
    }
    await call(`${api}/v1/forms/${formId}/publish`, key, { expectedVersion: version });
    formIds.push(formId);
  }
  return { key, formIds };
}
