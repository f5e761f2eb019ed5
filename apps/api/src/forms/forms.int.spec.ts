import { EventSerde, type FormEvent } from '@collect/events';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Kafka, logLevel } from 'kafkajs';
import { eventually } from '../../../../test/support/eventually';
import { uniqueName } from '../../../../test/support/names';
import { stackEnv } from '../../../../test/support/stack-env';
import { randomTopics, startApiReplica, type ApiReplica } from '../testing/api-replica.testing';
import { decide, foldForm, type FormCommand } from './domain';

const question = (questionId: string, type = 'number') => ({
  questionId,
  type,
  title: `What is ${questionId}?`,
  required: true,
  constraints: type === 'number' ? { min: 0 } : {},
});

/** Every event on `topic`, decoded, in partition order. */
async function readForms(topic: string, count: number): Promise<FormEvent[]> {
  const kafka = new Kafka({
    clientId: 'forms-int-reader',
    brokers: stackEnv().kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: uniqueName('forms-int-reader') });
  const serde = new EventSerde(new SchemaRegistry({ host: stackEnv().schemaRegistryUrl }));
  const events: FormEvent[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        events.push((await serde.decode(message.value)) as FormEvent);
      },
    });
    await eventually(() => events.length >= count, `${count} events on ${topic}`);
  } finally {
    await consumer.disconnect();
  }
  return events;
}

describe('forms over HTTP against the real stack', () => {
  const topics = randomTopics();
  let a: ApiReplica;
  let b: ApiReplica;

  beforeAll(async () => {
    a = await startApiReplica({ events: { topics } });
    b = await startApiReplica({ events: { topics } });
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('creates, edits, publishes and closes a form; each event lands on the forms topic exactly as decide produced it', async () => {
    const { orgId, key } = await a.newOrganisation();
    const created = await a.request('POST', '/v1/forms', key, {
      title: ' Budget ',
      description: 'Money',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      version: 1,
      status: 'draft',
      title: 'Budget',
      publishedVersion: null,
    });
    const formId = created.body.formId as string;
    const base = `/v1/forms/${formId}`;

    const steps: [string, string, unknown][] = [
      ['PATCH', base, { expectedVersion: 1, title: 'Household budget' }],
      ['POST', `${base}/questions`, { expectedVersion: 2, question: question('income') }],
      [
        'POST',
        `${base}/questions`,
        { expectedVersion: 3, question: question('savings'), position: 0 },
      ],
      ['PUT', `${base}/question-order`, { expectedVersion: 4, questionIds: ['income', 'savings'] }],
      [
        'PUT',
        `${base}/questions/savings`,
        { expectedVersion: 5, question: { ...question('savings'), required: false } },
      ],
      [
        'PUT',
        `${base}/rules`,
        {
          expectedVersion: 6,
          rules: [
            {
              ruleId: 'r1',
              expression: 'answers.savings <= answers.income',
              message: 'Savings exceed income',
              questionIds: ['savings'],
            },
          ],
        },
      ],
      [
        'POST',
        `${base}/questions`,
        { expectedVersion: 7, question: question('note', 'short_text') },
      ],
      ['DELETE', `${base}/questions/note?expectedVersion=8`, undefined],
      ['POST', `${base}/publish`, { expectedVersion: 9 }],
    ];
    for (const [method, url, body] of steps) {
      const response = await a.request(method as 'POST', url, key, body);
      expect({ url, status: response.status, body: response.body }).toMatchObject({ status: 200 });
    }
    const published = a.view.get(formId);
    expect(published).toMatchObject({ version: 10, status: 'published', publishedVersion: 10 });
    expect(await a.view.publishedDefinition(orgId, formId)).toMatchObject({
      formVersion: 10,
      status: 'published',
      definition: {
        title: 'Household budget',
        questions: [{ questionId: 'income' }, { questionId: 'savings' }],
      },
    });
    const closed = await a.request('POST', `${base}/close`, key, { expectedVersion: 10 });
    expect(closed).toMatchObject({
      status: 200,
      body: { version: 11, status: 'closed', publishedVersion: 10 },
    });
    expect((closed.body.events as unknown[])[0]).toMatchObject({
      type: 'FormClosed',
      version: 11,
      position: {
        topic: topics.forms,
        partition: expect.any(Number) as number,
        offset: expect.any(String) as string,
      },
    });

    const onTopic = (await readForms(topics.forms, 11)).filter((event) => event.formId === formId);
    expect(onTopic.map((event) => event.aggregateVersion)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
    // Replaying decide with the recorded ids and clock reproduces every event exactly.
    const commands: FormCommand[] = [
      { type: 'CreateForm', formId, title: ' Budget ', description: 'Money' },
      {
        type: 'ChangeFormDetails',
        formId,
        expectedVersion: 1,
        title: 'Household budget',
        description: 'Money',
      },
    ];
    for (const [index, command] of commands.entries()) {
      const event = onTopic[index]!;
      const state = foldForm(onTopic.slice(0, index));
      expect(
        decide(command, state, { now: event.occurredAt, newEventId: () => event.eventId, orgId }),
      ).toEqual([event]);
    }
    expect(foldForm(onTopic)).toEqual(a.view.get(formId));
  });

  async function draftWithQuestion(api: ApiReplica, key: string): Promise<string> {
    const created = await api.request('POST', '/v1/forms', key, { title: 'Survey' });
    const formId = created.body.formId as string;
    const added = await api.request('POST', `/v1/forms/${formId}/questions`, key, {
      expectedVersion: 1,
      question: question('age'),
    });
    expect(added.status).toBe(200);
    return formId;
  }

  it('rejects a change built on a stale version with 409 and the current version', async () => {
    const { key } = await a.newOrganisation();
    const formId = await draftWithQuestion(a, key);
    const stale = await a.request('PATCH', `/v1/forms/${formId}`, key, {
      expectedVersion: 1,
      title: 'New',
    });
    expect(stale.status).toBe(409);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.body).toMatchObject({
      code: 'version-conflict',
      currentVersion: 2,
      expectedVersion: 1,
    });
  });

  it('lets exactly one of several concurrent commands with the same expectedVersion win, across two replicas', async () => {
    const { key } = await a.newOrganisation();
    const formId = await draftWithQuestion(a, key);
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        (index % 2 === 0 ? a : b).request('POST', `/v1/forms/${formId}/questions`, key, {
          expectedVersion: 2,
          question: question(`q${index}`),
        }),
      ),
    );
    const statuses = attempts.map((attempt) => attempt.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    await a.view.catchUp();
    expect(a.view.get(formId)).toMatchObject({ version: 3 });
    expect(a.view.get(formId).status !== 'not_created' && a.view.get(formId)).toMatchObject({
      questions: [{ questionId: 'age' }, expect.anything()],
    });
  });

  it('publishes on one replica right after the form was created on another, and the first finds the definition at once', async () => {
    const { orgId, key } = await a.newOrganisation();
    const formId = await draftWithQuestion(a, key);
    const published = await b.request('POST', `/v1/forms/${formId}/publish`, key, {
      expectedVersion: 2,
    });
    expect(published).toMatchObject({
      status: 200,
      body: { version: 3, publishedVersion: 3, status: 'published' },
    });
    // No waiting: the miss path catches up with Kafka before it answers.
    expect(await a.view.publishedDefinition(orgId, formId)).toMatchObject({
      formVersion: 3,
      status: 'published',
      definition: { questions: [{ questionId: 'age' }] },
    });
  });

  it('never lets another organisation see or change a form: 404, and the form stays as it was', async () => {
    const owner = await a.newOrganisation();
    const other = await a.newOrganisation();
    const formId = await draftWithQuestion(a, owner.key);
    const attempts = [
      await b.request('PATCH', `/v1/forms/${formId}`, other.key, {
        expectedVersion: 2,
        title: 'Mine now',
      }),
      await b.request('POST', `/v1/forms/${formId}/publish`, other.key, { expectedVersion: 2 }),
      await a.request('DELETE', `/v1/forms/${formId}/questions/age?expectedVersion=2`, other.key),
    ];
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ status: 404, body: { code: 'form-not-found' } });
    }
    expect(await a.view.publishedDefinition(other.orgId, formId)).toBeUndefined();
    await a.view.catchUp();
    expect(a.view.get(formId)).toMatchObject({ version: 2, title: 'Survey', status: 'draft' });
  });

  it('refuses unknown fields and malformed commands with 422 before deciding anything', async () => {
    const { key } = await a.newOrganisation();
    const formId = await draftWithQuestion(a, key);
    const bad: [string, string, unknown][] = [
      ['POST', '/v1/forms', { title: 'x', orgId: 'someone-else' }],
      [
        'POST',
        `/v1/forms/${formId}/questions`,
        { expectedVersion: 2, question: { ...question('x'), secret: 1 } },
      ],
      [
        'POST',
        `/v1/forms/${formId}/questions`,
        { expectedVersion: 2, question: { ...question('x'), type: 'video' } },
      ],
      [
        'PUT',
        `/v1/forms/${formId}/rules`,
        { expectedVersion: 2, rules: [{ ruleId: 'r', expression: 1 }] },
      ],
      ['POST', `/v1/forms/${formId}/publish`, { expectedVersion: '2' }],
      ['PATCH', `/v1/forms/${formId}`, { expectedVersion: 2 }],
    ];
    for (const [method, url, body] of bad) {
      const response = await a.request(method as 'POST', url, key, body);
      expect({ url, body, status: response.status }).toEqual({ url, body, status: 422 });
    }
    const domain = await a.request('POST', `/v1/forms/${formId}/questions`, key, {
      expectedVersion: 2,
      question: { ...question('1bad') },
    });
    expect(domain).toMatchObject({
      status: 422,
      body: { code: 'invalid-question', errors: [{ path: '/question/questionId' }] },
    });
    expect(a.view.get(formId)).toMatchObject({ version: 2 });
  });

  it('needs forms:write', async () => {
    const { key } = await a.newOrganisation(['responses:write']);
    expect((await a.request('POST', '/v1/forms', key, { title: 'x' })).status).toBe(403);
  });
});
