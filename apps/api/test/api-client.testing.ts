import { randomUUID } from 'node:crypto';
import { uniqueName } from '../../../test/support/names';

/** A thin HTTP client for end-to-end tests of collect-api. Not a spec. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly key: string,
  ) {}

  withKey(key: string): ApiClient {
    return new ApiClient(this.baseUrl, key);
  }

  request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async json<T>(method: string, path: string, body?: unknown, expectStatus?: number): Promise<T> {
    const response = await this.request(method, path, body);
    const text = await response.text();
    if (expectStatus !== undefined && response.status !== expectStatus) {
      throw new Error(
        `${method} ${path} answered ${response.status}, expected ${expectStatus}: ${text}`,
      );
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

export interface Tenant {
  orgId: string;
  key: string;
}

/** Creates an organisation and a key with the given scopes, through the admin endpoints. */
export async function createTenant(
  admin: ApiClient,
  scopes: readonly string[] = [
    'forms:read',
    'forms:write',
    'responses:read',
    'responses:write',
    'integrations:write',
  ],
): Promise<Tenant> {
  const { orgId } = await admin.json<{ orgId: string }>(
    'POST',
    '/v1/organisations',
    { name: uniqueName('org') },
    201,
  );
  const { key } = await admin.json<{ key: string }>(
    'POST',
    `/v1/organisations/${orgId}/api-keys`,
    { name: 'e2e', scopes },
    201,
  );
  return { orgId, key };
}

export interface PublishedForm {
  formId: string;
  version: number;
}

/** A form with one question of every type and the savings ≤ income rule, published. */
export async function createPublishedForm(
  client: ApiClient,
  options: { publish?: boolean } = {},
): Promise<PublishedForm> {
  const created = await client.json<{ formId: string; version: number }>(
    'POST',
    '/v1/forms',
    { title: 'Household survey' },
    201,
  );
  let version = created.version;
  const add = async (question: Record<string, unknown>) => {
    const result = await client.json<{ version: number }>(
      'POST',
      `/v1/forms/${created.formId}/questions`,
      { expectedVersion: version, question },
      200,
    );
    version = result.version;
  };
  await add({
    questionId: 'name',
    type: 'short_text',
    title: 'Name',
    required: true,
    constraints: { maxLength: 100 },
  });
  await add({
    questionId: 'income',
    type: 'number',
    title: 'Monthly income',
    required: true,
    constraints: { min: 0 },
  });
  await add({
    questionId: 'savings',
    type: 'number',
    title: 'Monthly savings',
    required: true,
    constraints: { min: 0 },
  });
  await add({ questionId: 'email', type: 'email', title: 'Email' });
  await add({ questionId: 'phone', type: 'phone', title: 'Phone' });
  await add({
    questionId: 'colour',
    type: 'single_choice',
    title: 'Colour',
    constraints: {
      options: [
        { optionId: 'red', label: 'Red' },
        { optionId: 'blue', label: 'Blue' },
      ],
    },
  });
  await add({
    questionId: 'pets',
    type: 'multiple_choice',
    title: 'Pets',
    constraints: {
      options: [
        { optionId: 'cat', label: 'Cat' },
        { optionId: 'dog', label: 'Dog' },
      ],
    },
  });
  await add({ questionId: 'born', type: 'date', title: 'Born' });
  await add({ questionId: 'agree', type: 'boolean', title: 'Agree' });
  await add({
    questionId: 'stars',
    type: 'rating',
    title: 'Stars',
    constraints: { min: 1, max: 5 },
  });
  const rules = await client.json<{ version: number }>(
    'PUT',
    `/v1/forms/${created.formId}/rules`,
    {
      expectedVersion: version,
      rules: [
        {
          ruleId: 'savings_within_income',
          expression: 'answers.savings <= answers.income',
          message: 'savings cannot exceed income',
          questionIds: ['savings'],
        },
      ],
    },
    200,
  );
  version = rules.version;
  if (options.publish !== false) {
    version = (
      await client.json<{ version: number }>(
        'POST',
        `/v1/forms/${created.formId}/publish`,
        { expectedVersion: version },
        200,
      )
    ).version;
  }
  return { formId: created.formId, version };
}

export const validAnswers = [
  { questionId: 'name', value: 'Ada' },
  { questionId: 'income', value: 3000 },
  { questionId: 'savings', value: 500 },
];

export const someFormId = (): string => randomUUID();
