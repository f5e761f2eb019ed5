import type { ResponseSubmitted } from '@collect/events';
import type { KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { eventually } from '../../../test/support/eventually';
import { BatchProjector } from './batches/batch-projector';
import { DeadLetterPublisher } from './dead-letters/dead-letter-publisher';
import { liveTarget } from './generations/projection-target';
import { publishedFormEvents, responseEvent } from './testing/form-fixtures';
import { ProjectorHarness } from './testing/projector-harness';
import { countWhere, formSequence, readModelDigest } from './testing/read-model-queries';

describe('the projector against the real Kafka and Postgres', () => {
  const harness = new ProjectorHarness();
  const orgId = randomUUID();
  const formIds = Array.from({ length: 5 }, () => randomUUID());
  const responses: ResponseSubmitted[] = [];

  beforeAll(async () => {
    await harness.setUp();
    await harness.produce(formIds.flatMap((formId) => publishedFormEvents(orgId, formId)));
    for (let n = 0; n < 500; n++) responses.push(responseEvent(orgId, formIds[n % 5]!, n));
    await harness.produce(responses);
    harness.startProjector();
    await eventually(() => harness.caughtUp(), 'the projector to apply every event', 60_000);
  });

  afterAll(() => harness.tearDown());

  it('projects every submitted response with all its typed answers, form_seq dense and in log order, counters matching', async () => {
    expect(await countWhere(harness.pool, 'responses', formIds)).toBe(500);
    expect(await countWhere(harness.pool, 'answers', formIds)).toBe(500 * 5);
    for (const formId of formIds) {
      const sequence = await formSequence(harness.pool, formId);
      expect(sequence.dense).toBe(true);
      expect(sequence.responseIds).toEqual(
        responses.filter((r) => r.formId === formId).map((r) => r.responseId),
      );
    }
    const { rows: counters } = await harness.pool.query(
      `SELECT form_id, response_count::int AS count, first_submitted_at, last_submitted_at
         FROM read_model.form_counters WHERE form_id = ANY($1::uuid[]) ORDER BY form_id`,
      [formIds],
    );
    expect(counters).toEqual(
      [...formIds].sort().map((formId) => {
        const own = responses.filter((r) => r.formId === formId).map((r) => r.submittedAt);
        return {
          form_id: formId,
          count: 100,
          first_submitted_at: new Date(Math.min(...own)),
          last_submitted_at: new Date(Math.max(...own)),
        };
      }),
    );
    const sample = responses[7]!;
    const { rows: answers } = await harness.pool.query(
      `SELECT question_id, value_text, value_number, value_boolean, to_char(value_date, 'YYYY-MM-DD') AS value_date, value_choices
         FROM read_model.answers WHERE response_id = $1 ORDER BY question_id`,
      [sample.responseId],
    );
    const value = (id: string) => sample.answers.find((a) => a.questionId === id)!.value;
    expect(answers).toEqual([
      {
        question_id: 'born',
        value_text: value('born'),
        value_number: null,
        value_boolean: null,
        value_date: value('born'),
        value_choices: null,
      },
      {
        question_id: 'colours',
        value_text: null,
        value_number: null,
        value_boolean: null,
        value_date: null,
        value_choices: value('colours'),
      },
      {
        question_id: 'consent',
        value_text: null,
        value_number: null,
        value_boolean: value('consent'),
        value_date: null,
        value_choices: null,
      },
      {
        question_id: 'income',
        value_text: null,
        value_number: value('income'),
        value_boolean: null,
        value_date: null,
        value_choices: null,
      },
      {
        question_id: 'name',
        value_text: value('name'),
        value_number: null,
        value_boolean: null,
        value_date: null,
        value_choices: null,
      },
    ]);
  });

  it('projects each form with its questions in draft order and its version history', async () => {
    const { rows: forms } = await harness.pool.query(
      'SELECT status, version, published_version FROM read_model.forms WHERE form_id = ANY($1::uuid[])',
      [formIds],
    );
    expect(forms).toEqual(
      formIds.map(() => ({ status: 'published', version: 7, published_version: 7 })),
    );
    const { rows: questions } = await harness.pool.query<{
      question_id: string;
      added_version: number;
    }>(
      'SELECT question_id, position, added_version FROM read_model.questions WHERE form_id = $1 ORDER BY position',
      [formIds[0]],
    );
    expect(questions.map((q) => q.question_id)).toEqual([
      'name',
      'income',
      'consent',
      'born',
      'colours',
    ]);
    expect(questions.map((q) => q.added_version)).toEqual([2, 3, 4, 5, 6]);
    expect(await countWhere(harness.pool, 'form_versions', formIds)).toBe(5 * 7);
  });

  it('changes nothing when a batch is applied again (stale checkpoint) or Kafka replays from zero', async () => {
    const before = await readModelDigest(harness.pool, formIds.slice(1));

    // A second instance with stale state: the same messages, expecting the checkpoint they started at.
    const projector = new BatchProjector(
      harness.pool,
      harness.serde,
      new DeadLetterPublisher(harness.kafka, {
        topic: harness.options.deadLetterTopic,
        consumer: 'test',
        replicationFactor: 1,
        partitions: 1,
      }),
      liveTarget,
      harness.options.topics,
    );
    const messages = responses.slice(0, 20).map((event, index): KafkaMessage => ({
      key: Buffer.from(event.formId),
      value: harness.serde.encode(event),
      offset: String(index),
      timestamp: '0',
      attributes: 0,
      headers: {},
    }));
    // A partition the live projector has applied (with 5 random form keys over 3 partitions, one
    // may hold none and so have no checkpoint to be stale against).
    const { rows: applied } = await harness.pool.query<{ partition: number }>(
      `SELECT partition FROM read_model.offsets
        WHERE topic = $1 AND next_offset > 0 ORDER BY partition LIMIT 1`,
      [harness.options.topics.responses],
    );
    expect(applied).toHaveLength(1);
    for (const checkpointed of [true, false]) {
      const result = await projector.handle({
        topic: harness.options.topics.responses,
        partition: applied[0]!.partition,
        expectedOffset: 0n,
        checkpointed,
        nextOffset: 20n,
        messages,
        highWatermark: 20n,
      });
      expect(result).toBe('stale');
    }

    // Kafka's committed offsets back to the beginning: the stored checkpoints win.
    await harness.stopProjectors();
    const admin = harness.kafka.admin();
    await admin.connect();
    for (const topic of [harness.options.topics.forms, harness.options.topics.responses]) {
      await admin.resetOffsets({ groupId: harness.options.groupId, topic, earliest: true });
    }
    await admin.disconnect();
    harness.startProjector();
    const late = responseEvent(orgId, formIds[0]!, 1_000);
    await harness.produce([late]);
    await eventually(() => harness.caughtUp(), 'the restarted projector to catch up', 60_000);

    const { rows } = await harness.pool.query(
      'SELECT form_seq::int AS seq FROM read_model.responses WHERE response_id = $1',
      [late.responseId],
    );
    expect(rows).toEqual([{ seq: 101 }]);
    expect((await formSequence(harness.pool, formIds[0]!)).dense).toBe(true);
    expect(await readModelDigest(harness.pool, formIds.slice(1))).toBe(before);
  });

  it('ignores a response republished with the same responseId', async () => {
    const original = responses[3]!;
    await harness.produce([{ ...original, eventId: randomUUID() }]);
    await eventually(
      () => harness.caughtUp(),
      'the projector to apply the republished event',
      30_000,
    );
    const { rows } = await harness.pool.query(
      'SELECT count(*)::int AS n FROM read_model.responses WHERE response_id = $1',
      [original.responseId],
    );
    expect(rows).toEqual([{ n: 1 }]);
    const sequence = await formSequence(harness.pool, original.formId);
    expect(sequence.dense).toBe(true);
  });
});
