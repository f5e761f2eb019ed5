import { type ResponseSubmitted } from '@collect/events';
import type { KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { eventually } from '../../../../test/support/eventually';
import { publishedFormEvents, responseEvent } from '../testing/form-fixtures';
import { ProjectorHarness } from '../testing/projector-harness';
import { countWhere, formSequence } from '../testing/read-model-queries';

/** Reads every message of a topic from the beginning (a group of its own). */
async function readAll(
  harness: ProjectorHarness,
  topic: string,
  count: number,
): Promise<KafkaMessage[]> {
  const consumer = harness.kafka.consumer({ groupId: `${topic}.reader` });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      messages.push(message);
      return Promise.resolve();
    },
  });
  try {
    await eventually(() => messages.length >= count, `${count} messages on ${topic}`, 30_000);
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

describe('poison events', () => {
  const harness = new ProjectorHarness();

  beforeAll(() => harness.setUp());
  afterAll(() => harness.tearDown());

  it('sends five poison events of 10,000 to the dead-letter topic with their context, projects the other 9,995, leaves no partition stuck', async () => {
    const orgId = randomUUID();
    const formIds = Array.from({ length: 20 }, () => randomUUID());
    await harness.produce(formIds.flatMap((formId) => publishedFormEvents(orgId, formId)));
    const responses: ResponseSubmitted[] = Array.from({ length: 9_997 }, (_, n) =>
      responseEvent(orgId, formIds[n % formIds.length]!, n),
    );
    // Two well-formed events the read model cannot hold, replacing two of the responses.
    responses[2_000] = { ...responses[2_000]!, responseId: 'not-a-uuid' };
    const twice = responses[7_000]!;
    responses[7_000] = { ...twice, answers: [...twice.answers, twice.answers[0]!] };
    const poisoned = [responses[2_000], responses[7_000]];
    await harness.produce(responses.slice(0, 5_000));
    // Undecodable twice (not Avro; unknown schema id) and an event that does not belong here.
    const responsesTopic = harness.options.topics.responses;
    await harness.produceRaw(responsesTopic, [
      { key: formIds[0]!, value: Buffer.from('{"json":"not avro"}') },
      { key: formIds[1]!, value: Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 1, 2, 3]) },
      {
        key: formIds[2]!,
        value: harness.serde.encode(publishedFormEvents(orgId, formIds[2]!)[0]!),
      },
    ]);
    await harness.produce(responses.slice(5_000));
    harness.startProjector();

    await eventually(() => harness.caughtUp(), 'the projector to pass every event', 90_000);
    // 10,000 values on the responses topic: 9,997 responses (2 poisoned) and 3 raw poison values.
    expect(await harness.endOffsetTotal(responsesTopic)).toBe(10_000n);
    expect(await countWhere(harness.pool, 'responses', formIds)).toBe(9_995);
    for (const formId of formIds)
      expect((await formSequence(harness.pool, formId)).dense).toBe(true);

    const letters = await readAll(harness, harness.options.deadLetterTopic, 5);
    const header = (message: KafkaMessage, name: string) => message.headers?.[name]?.toString();
    expect(
      letters
        .map((message) => ({
          reason: header(message, 'dlq-reason'),
          sourceTopic: header(message, 'dlq-source-topic'),
          consumer: header(message, 'dlq-consumer'),
          hasPartition: /^\d+$/.test(header(message, 'dlq-source-partition') ?? ''),
          hasOffset: /^\d+$/.test(header(message, 'dlq-source-offset') ?? ''),
          hasMessage: (header(message, 'dlq-message') ?? '').length > 0,
        }))
        .sort((a, b) => a.reason!.localeCompare(b.reason!)),
    ).toEqual(
      [
        'invariant_violation',
        'invariant_violation',
        'undecodable',
        'undecodable',
        'unknown_type',
      ].map((reason) => ({
        reason,
        sourceTopic: responsesTopic,
        consumer: harness.options.groupId,
        hasPartition: true,
        hasOffset: true,
        hasMessage: true,
      })),
    );
    // The original bytes are kept, so a fixed projector can redrive them.
    const violations = letters.filter((m) => header(m, 'dlq-reason') === 'invariant_violation');
    const decoded = await Promise.all(violations.map((m) => harness.serde.decode(m.value)));
    expect(decoded.map((event) => event.eventId).sort()).toEqual(
      poisoned.map((event) => event.eventId).sort(),
    );
    expect(letters.map((m) => header(m, 'dlq-message')).join(' ')).not.toMatch(/person \d+/);
  });
});
