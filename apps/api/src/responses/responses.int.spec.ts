/* eslint-disable @typescript-eslint/no-unsafe-assignment -- jest's asymmetric matchers are typed any */
import { EventSerde, type CollectEvent, type ResponseSubmitted } from '@collect/events';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { eventually } from '../../../../test/support/eventually';
import { uniqueName } from '../../../../test/support/names';
import { stackEnv } from '../../../../test/support/stack-env';
import { randomTopics, startApiReplica, type ApiReplica } from '../testing/api-replica.testing';

const questions = [
  { questionId: 'email', type: 'email', title: 'Email', required: true, constraints: {} },
  {
    questionId: 'income',
    type: 'number',
    title: 'Income',
    required: true,
    constraints: { min: 0 },
  },
  {
    questionId: 'savings',
    type: 'number',
    title: 'Savings',
    required: false,
    constraints: { min: 0 },
  },
  {
    questionId: 'colours',
    type: 'multiple_choice',
    title: 'Colours',
    required: false,
    constraints: {
      options: [
        { optionId: 'red', label: 'Red' },
        { optionId: 'blue', label: 'Blue' },
      ],
    },
  },
  { questionId: 'consent', type: 'boolean', title: 'Consent', required: false, constraints: {} },
];
const rules = [
  {
    ruleId: 'savings-below-income',
    expression: 'answers.savings <= answers.income',
    message: 'Savings cannot exceed income.',
    questionIds: ['savings'],
  },
];

const validBody = (email = 'ada@example.org') => ({
  answers: [
    { questionId: 'email', value: email },
    { questionId: 'income', value: 4200 },
    { questionId: 'savings', value: 600 },
    { questionId: 'colours', value: ['red', 'blue'] },
    { questionId: 'consent', value: true },
  ],
  submittedAt: '2025-05-01T12:00:00Z',
  metadata: { source: 'web', hiddenFields: { campaign: 'spring' }, locale: 'en-GB' },
});

/** Every ResponseSubmitted on `topic`, decoded through the registry, as it arrives. */
async function readResponses(topic: string): Promise<{
  events: ResponseSubmitted[];
  positions: Map<string, { topic: string; partition: number; offset: string }>;
  stop: () => Promise<void>;
}> {
  const kafka = new Kafka({
    clientId: 'responses-int-reader',
    brokers: stackEnv().kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const consumer: Consumer = kafka.consumer({ groupId: uniqueName('responses-int-reader') });
  const serde = new EventSerde(new SchemaRegistry({ host: stackEnv().schemaRegistryUrl }));
  const events: ResponseSubmitted[] = [];
  const positions = new Map<string, { topic: string; partition: number; offset: string }>();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const event: CollectEvent = await serde.decode(message.value);
      if (event.type !== 'ResponseSubmitted') return;
      events.push(event);
      positions.set(event.responseId, { topic, partition, offset: message.offset });
    },
  });
  return { events, positions, stop: () => consumer.disconnect() };
}

describe('response submission against the real stack', () => {
  const topics = randomTopics();
  let a: ApiReplica;
  let b: ApiReplica;
  let reader: Awaited<ReturnType<typeof readResponses>>;
  let org: { orgId: string; key: string };
  let formId: string;

  const eventsOf = (responseId: unknown) =>
    reader.events.filter((event) => event.responseId === responseId);
  const submit = (
    api: ApiReplica,
    body: unknown,
    headers: Record<string, string> = {},
    form = formId,
    key = org.key,
  ) => api.request('POST', `/v1/forms/${form}/responses`, key, body, headers);

  beforeAll(async () => {
    [a, b] = await Promise.all([
      startApiReplica({ events: { topics }, responses: {} }),
      startApiReplica({ events: { topics }, responses: {} }),
    ]);
    org = await a.newOrganisation();
    formId = await a.publishedForm(org.key, questions, rules);
    reader = await readResponses(topics.responses);
  });

  afterAll(async () => {
    await reader?.stop();
    await Promise.all([a?.close(), b?.close()]);
  });

  it('answers 202 only after the event is on the responses topic, with its exact position, and it decodes to exactly what was sent', async () => {
    const reply = await submit(a, validBody(), { 'idempotency-key': uniqueName('key') });
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({
      responseId: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      formId,
      formVersion: expect.any(Number),
      submittedAt: '2025-05-01T12:00:00.000Z',
      position: {
        topic: topics.responses,
        partition: expect.any(Number),
        offset: expect.any(String),
      },
    });
    await eventually(
      () => eventsOf(reply.body.responseId).length === 1,
      'the event on the responses topic',
    );
    expect(reader.positions.get(String(reply.body.responseId))).toEqual(reply.body.position);
    const [event] = eventsOf(reply.body.responseId);
    expect(event).toEqual({
      type: 'ResponseSubmitted',
      eventId: expect.any(String),
      occurredAt: expect.any(Number),
      orgId: org.orgId,
      responseId: reply.body.responseId,
      aggregateVersion: 1,
      formId,
      formVersion: reply.body.formVersion,
      submittedAt: Date.parse('2025-05-01T12:00:00Z'),
      answers: validBody().answers,
      metadata: { source: 'web', hiddenFields: { campaign: 'spring' }, locale: 'en-GB' },
      idempotencyKey: expect.any(String),
    });
  });

  it('returns the first outcome for the same Idempotency-Key sent again, on another replica, without a second event', async () => {
    const key = uniqueName('key');
    const first = await submit(a, validBody(), { 'idempotency-key': key });
    const again = await submit(a, validBody(), { 'idempotency-key': key });
    const elsewhere = await submit(b, validBody(), { 'idempotency-key': key });
    expect(first.status).toBe(202);
    expect(again).toMatchObject({ status: 202, body: first.body });
    expect(elsewhere).toMatchObject({ status: 202, body: first.body });
    // A later response on the same form and partition proves the topic was read past any duplicate.
    const marker = await submit(a, validBody());
    await eventually(() => eventsOf(marker.body.responseId).length === 1, 'the marker event');
    expect(reader.events.filter((event) => event.idempotencyKey === key)).toHaveLength(1);
  });

  it('stores one event for 10 concurrent requests with the same Idempotency-Key, all answered with the same responseId', async () => {
    const key = uniqueName('key');
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        submit(i % 2 ? a : b, validBody(), { 'idempotency-key': key }),
      ),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(202));
    expect(new Set(replies.map((reply) => reply.body.responseId)).size).toBe(1);
    const marker = await submit(a, validBody());
    await eventually(() => eventsOf(marker.body.responseId).length === 1, 'the marker event');
    expect(reader.events.filter((event) => event.idempotencyKey === key)).toHaveLength(1);
  });

  it('refuses the same Idempotency-Key with a different body (422), and a malformed key (400)', async () => {
    const key = uniqueName('key');
    expect((await submit(a, validBody('a@example.org'), { 'idempotency-key': key })).status).toBe(
      202,
    );
    const reused = await submit(b, validBody('b@example.org'), { 'idempotency-key': key });
    expect(reused).toMatchObject({ status: 422, body: { code: 'idempotency-key-reused' } });
    expect(reused.headers['content-type']).toMatch(/application\/problem\+json/);
    const malformed = await submit(a, validBody(), { 'idempotency-key': 'ä'.repeat(3) });
    expect(malformed).toMatchObject({ status: 400, body: { code: 'invalid-idempotency-key' } });
  });

  it('answers 422 with one error per offending question, stores nothing, and lets the key be used with a corrected body', async () => {
    const key = uniqueName('key');
    const body = {
      answers: [
        { questionId: 'email', value: 'not-an-email' },
        { questionId: 'savings', value: 9000 },
        { questionId: 'colours', value: ['green'] },
      ],
    };
    const reply = await submit(a, body, { 'idempotency-key': key });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ questionId: 'email', code: 'invalid_email', path: '/answers/0' }),
        expect.objectContaining({ questionId: 'income', code: 'required' }),
        expect.objectContaining({
          questionId: 'colours',
          code: 'unknown_option',
          path: '/answers/2',
        }),
      ]),
    );
    expect((await submit(a, validBody(), { 'idempotency-key': key })).status).toBe(202);
  });

  it('rejects unknown fields with 422 before looking at the form', async () => {
    const reply = await submit(a, { ...validBody(), isAdmin: true });
    expect(reply).toMatchObject({
      status: 422,
      body: { errors: [{ path: '/isAdmin', code: 'unrecognized_key' }] },
    });
  });

  it("answers 404 for another organisation's form and for an unknown form, never its data", async () => {
    const other = await a.newOrganisation();
    const foreign = await submit(a, validBody(), {}, formId, other.key);
    expect(foreign).toMatchObject({ status: 404 });
    expect(JSON.stringify(foreign.body)).not.toContain('email');
    expect((await submit(b, validBody(), {}, randomUUID())).status).toBe(404);
    expect((await submit(b, validBody(), {}, 'not-a-uuid')).status).toBe(404);
  });

  it('answers 409 for a closed form and for a form that was never published', async () => {
    const closedForm = await a.publishedForm(org.key, questions);
    const state = a.view.get(closedForm) as { version: number };
    expect(
      (
        await a.request('POST', `/v1/forms/${closedForm}/close`, org.key, {
          expectedVersion: state.version,
        })
      ).status,
    ).toBe(200);
    // The replica that answered the close applied it before answering: it refuses at once.
    expect(await submit(a, validBody(), {}, closedForm)).toMatchObject({
      status: 409,
      body: { code: 'form-closed' },
    });
    // Another replica refuses once its view applied the close (documented in the README).
    await b.view.catchUp();
    expect(await submit(b, validBody(), {}, closedForm)).toMatchObject({
      status: 409,
      body: { code: 'form-closed' },
    });

    // A draft created on one replica a moment ago: the other catches up on the miss.
    const draft = await a.request('POST', '/v1/forms', org.key, { title: 'Draft' });
    expect(draft.status).toBe(201);
    expect(await submit(b, validBody(), {}, draft.body.formId as string)).toMatchObject({
      status: 409,
      body: { code: 'form-not-published' },
    });
  });

  it('gives every batch item its own outcome, in input order, honouring per-item idempotency keys', async () => {
    const key = uniqueName('key');
    const earlier = await submit(a, validBody('first@example.org'), { 'idempotency-key': key });
    const reply = await b.request('POST', `/v1/forms/${formId}/responses/batch`, org.key, {
      items: [
        { ...validBody('one@example.org'), idempotencyKey: uniqueName('item') },
        { answers: [{ questionId: 'email', value: 'nope' }] },
        { ...validBody('first@example.org'), idempotencyKey: key },
        { ...validBody('other@example.org'), idempotencyKey: key },
        validBody('four@example.org'),
      ],
    });
    expect(reply.status).toBe(200);
    const items = reply.body.items as Record<string, unknown>[];
    expect(items.map(({ index, status }) => [index, status])).toEqual([
      [0, 202],
      [1, 422],
      [2, 202],
      [3, 422],
      [4, 202],
    ]);
    expect(items[1]).toMatchObject({
      code: 'validation-failed',
      errors: expect.arrayContaining([expect.objectContaining({ questionId: 'email' })]),
    });
    expect(items[2]!.responseId).toBe(earlier.body.responseId);
    expect(items[3]).toMatchObject({ code: 'idempotency-key-reused' });
    await eventually(
      () => [items[0], items[4]].every((item) => eventsOf(item!.responseId).length === 1),
      'the accepted batch items on the topic',
    );
    expect(reader.events.filter((event) => event.idempotencyKey === key)).toHaveLength(1);
  });

  it('refuses a batch of more than 500 items as a whole', async () => {
    const items = Array.from({ length: 501 }, () => validBody());
    const reply = await a.request('POST', `/v1/forms/${formId}/responses/batch`, org.key, {
      items,
    });
    expect(reply).toMatchObject({
      status: 422,
      body: { errors: [{ path: '/items', code: 'too_big' }] },
    });
  });
});
