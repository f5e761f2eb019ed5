import { EventSerde, type ResponseSubmitted } from '@collect/events';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Kafka, logLevel } from 'kafkajs';
import type { Worker } from 'node:worker_threads';
import { eventually } from '../../../../../test/support/eventually';
import { uniqueName } from '../../../../../test/support/names';
import { stackEnv } from '../../../../../test/support/stack-env';
import { definition, question } from '../domain/definition.testing';
import type { SubmissionOutcome } from '../submission-outcome';
import type { JobItem, SubmissionJob } from '../submission-pipeline';
import type { PublishedFormView } from '../submission-ports';
import { SubmissionThread } from './submission-thread';

describe('SubmissionThread against the real broker', () => {
  const env = stackEnv();
  const kafkaOptions = {
    brokers: env.kafkaBrokers,
    clientId: 'submission-thread-int',
    schemaRegistryUrl: env.schemaRegistryUrl,
    logLevel: 'error' as const,
  };
  const kafka = new Kafka({ ...kafkaOptions, logLevel: logLevel.NOTHING });
  const serde = new EventSerde(new SchemaRegistry({ host: env.schemaRegistryUrl }));
  const topics = { forms: uniqueName('test.forms'), responses: uniqueName('test.responses') };
  const formId = '0193b0c2-0000-7000-8000-00000000f001';
  const versionOf = (formVersion: number, required: boolean): PublishedFormView => ({
    formVersion,
    status: 'published',
    definition: definition([question('email', 'email', {}, required)]),
  });
  let schemaIds: [string, number][];
  let thread: SubmissionThread;

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: topics.responses, numPartitions: 3 }],
      waitForLeaders: true,
    });
    await admin.disconnect();
    const registered = await serde.registerAll();
    schemaIds = [['ResponseSubmitted', registered.get('ResponseSubmitted')!]];
  });
  beforeEach(() => {
    thread = new SubmissionThread(kafkaOptions, {
      schemaIds,
      topics,
      partitions: 3,
      retryAfterSeconds: 4,
      publishTimeoutMs: 5_000,
    });
  });
  afterEach(() => thread.close());

  const job = (form: PublishedFormView, items: JobItem[]): SubmissionJob => ({
    orgId: 'org-1',
    formId,
    form,
    items,
    now: Date.UTC(2025, 4, 1),
    trace: {},
  });
  const json = (value: unknown): JobItem => ({ jsonText: JSON.stringify(value) });
  const answers = (email: string | null) => ({ answers: [{ questionId: 'email', value: email }] });
  const statuses = (outcomes: SubmissionOutcome[]) => outcomes.map(({ status }) => status);

  /** Every ResponseSubmitted on the topic, decoded, until `count` arrived. */
  async function stored(count: number): Promise<ResponseSubmitted[]> {
    const events: ResponseSubmitted[] = [];
    const consumer = kafka.consumer({ groupId: uniqueName('submission-thread-int') });
    await consumer.connect();
    await consumer.subscribe({ topic: topics.responses, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        events.push((await serde.decode(message.value)) as ResponseSubmitted);
      },
    });
    await eventually(() => events.length >= count, `${count} responses on the topic`);
    await consumer.disconnect();
    return events;
  }

  it('validates, publishes and answers every item of a job in order: 202, 422, 400', async () => {
    const outcomes = await thread.run(
      job(versionOf(1, true), [
        json(answers('ada@example.org')),
        json(answers('not an email')),
        { jsonText: '{"answers": [' },
        json({ ...answers('x@example.org'), isAdmin: true }),
        {
          item: { input: answers('grace@example.org'), idempotencyKey: 'k-1' },
          claim: {
            kind: 'claimed',
            key: 'k-1',
            responseId: '0193b0c2-0000-7000-8000-0000000000aa',
            eventId: '0193b0c2-0000-7000-8000-0000000000bb',
            token: 't',
            fresh: true,
          },
        },
      ]),
    );
    expect(statuses(outcomes)).toEqual([202, 422, 400, 422, 202]);
    expect(outcomes[1]).toMatchObject({ errors: [{ questionId: 'email', path: '/answers/0' }] });
    expect(outcomes[2]).toMatchObject({ code: 'malformed-json' });
    expect(outcomes[3]).toMatchObject({ errors: [{ path: '/isAdmin' }] });
    expect(outcomes[4]).toMatchObject({
      accepted: { responseId: '0193b0c2-0000-7000-8000-0000000000aa', formVersion: 1 },
    });

    const events = await stored(2);
    expect(events.map((event) => [event.answers[0]!.value, event.idempotencyKey])).toEqual(
      expect.arrayContaining([
        ['ada@example.org', null],
        ['grace@example.org', 'k-1'],
      ]),
    );
  });

  it('validates each job against the version it names, also after a newer one was sent', async () => {
    const [strict, lenient] = [versionOf(1, true), versionOf(2, false)];
    const outcomes = await Promise.all([
      thread.run(job(strict, [json(answers(null))])),
      thread.run(job(lenient, [json(answers(null))])),
    ]);
    expect(outcomes.map(statuses)).toEqual([[422], [202]]);
    // A job that still names version 1 (validated a moment before the change) resends it.
    expect(statuses(await thread.run(job(strict, [json(answers(null))])))).toEqual([422]);
  });

  it('answers 503 for the jobs waiting on a thread that died, and the next job starts another', async () => {
    const form = versionOf(1, true);
    expect(statuses(await thread.run(job(form, [json(answers('a@example.org'))])))).toEqual([202]);
    // The worker is private: reach it to kill it as a crash would.
    const worker = (thread as unknown as { current: { worker: Worker } }).current.worker;
    const waiting = thread.run(job(form, [json(answers('b@example.org'))]));
    await worker.terminate();
    expect(await waiting).toEqual([expect.objectContaining({ status: 503, retryAfterSeconds: 4 })]);
    // The new thread is sent the form again before its first job.
    expect(statuses(await thread.run(job(form, [json(answers('c@example.org'))])))).toEqual([202]);
  });

  it('on close, answers what was queued before stopping, and 503 for anything after', async () => {
    const form = versionOf(1, true);
    const queued = thread.run(job(form, [json(answers('d@example.org'))]));
    await thread.close();
    expect(statuses(await queued)).toEqual([202]);
    expect(statuses(await thread.run(job(form, [json(answers('e@example.org'))])))).toEqual([503]);
  });
});
