import type { KafkaMessage } from 'kafkajs';
import { eventually } from '../../../test/support/eventually';
import { ConnectorHarness } from './testing/connector-harness';
import { newForm, responsesOf } from './testing/responses';

// The 60 s outage with COLLECT_FULL=1; 5 s in CI.
const outageMs = process.env.COLLECT_FULL === '1' ? 60_000 : 5_000;

const header = (message: KafkaMessage, name: string) => message.headers?.[name]?.toString();

describe('the connector runtime when targets fail', () => {
  const harness = new ConnectorHarness({ runtime: { backoff: { initialMs: 100, maxMs: 800 } } });

  beforeAll(async () => {
    await harness.setUp();
    await harness.startRuntime();
  });
  afterAll(() => harness.tearDown());

  it(`a target down for ${outageMs / 1000} s holds back only its own integration: the same form's other integration and other forms keep flowing, and after recovery everything arrives once, in order`, async () => {
    const form = newForm();
    const otherForm = newForm();
    const failing = await harness.attach(form);
    const sameForm = await harness.attach(form);
    const otherFormIntegration = await harness.attach(otherForm);
    await harness.target.setFault(failing, { mode: 'unavailable' });

    const produced = { form: [] as string[], other: [] as string[] };
    const started = Date.now();
    while (Date.now() - started < outageMs) {
      const batch = responsesOf(form, 10);
      const others = responsesOf(otherForm, 10);
      await harness.produce([...batch, ...others]);
      produced.form.push(...batch.map((r) => r.responseId));
      produced.other.push(...others.map((r) => r.responseId));
      await eventually(
        async () =>
          (await harness.target.count(sameForm)) === produced.form.length &&
          (await harness.target.count(otherFormIntegration)) === produced.other.length,
        'the other integrations to keep up during the outage',
        20_000,
      );
    }
    expect(await harness.target.count(failing)).toBe(0);
    await eventually(
      async () => (await harness.status(failing))?.state === 'failing',
      'the failing integration to be reported failing',
    );
    expect((await harness.status(failing))?.last_error).toMatch(/unavailable \(503\)/);

    await harness.target.clearFault(failing);
    await eventually(
      async () => (await harness.target.count(failing)) >= produced.form.length,
      'the recovered target to get everything',
      60_000,
    );
    expect(await harness.target.received(failing)).toEqual(produced.form);
    expect(await harness.target.received(sameForm)).toEqual(produced.form);
    expect(await harness.target.received(otherFormIntegration)).toEqual(produced.other);
    await eventually(
      async () => (await harness.status(failing))?.state === 'live',
      'the recovered integration to be live again',
    );
  });

  it('after a call whose outcome is unknown (the target threw), reconciles and never delivers twice', async () => {
    const form = newForm();
    const integration = await harness.attach(form);
    await harness.target.setFault(integration, { mode: 'unreachable' });
    const responses = responsesOf(form, 40);
    await harness.produce(responses);
    await eventually(
      async () => (await harness.status(integration))?.state === 'failing',
      'the integration to be failing',
    );
    await harness.target.clearFault(integration);
    await eventually(
      async () => (await harness.target.count(integration)) === 40,
      'all 40 delivered',
    );
    expect(await harness.target.received(integration)).toEqual(responses.map((r) => r.responseId));
  });

  it('dead-letters permanent rejections with their context before moving on, keeps delivering the rest, and redrives them after a fix', async () => {
    const form = newForm();
    const integration = await harness.attach(form);
    const responses = responsesOf(form, 20);
    const rejected = [responses[3]!.responseId, responses[11]!.responseId];
    await harness.target.setFault(integration, { mode: 'reject', rejectResponseIds: rejected });
    await harness.produce(responses);

    await eventually(async () => (await harness.target.count(integration)) === 18, '18 delivered');
    // The round commits its dead-letter index only after Kafka acknowledged the dead letters.
    await eventually(
      async () => Number((await harness.status(integration))?.dead_lettered_count) === 2,
      'two dead letters counted',
    );
    const letters = await harness.readAll(harness.deadLetterTopic, 2);
    expect(
      letters.map((m) => ({
        reason: header(m, 'dlq-reason'),
        integration: header(m, 'dlq-integration-id'),
        response: header(m, 'dlq-response-id'),
        topic: header(m, 'dlq-source-topic'),
        partition: /^\d+$/.test(header(m, 'dlq-source-partition') ?? ''),
        offset: /^\d+$/.test(header(m, 'dlq-source-offset') ?? ''),
        key: m.key?.toString(),
      })),
    ).toEqual(
      rejected.map((responseId) => ({
        reason: 'permanent_failure: rejected by the test target (400)',
        integration,
        response: responseId,
        topic: harness.responsesTopic,
        partition: true,
        offset: true,
        key: form.formId,
      })),
    );
    const { rows } = await harness.pool.query<{ response_id: string; dlq_offset: string | null }>(
      `SELECT response_id, dlq_offset FROM connector_dead_letters WHERE integration_id = $1 ORDER BY source_offset`,
      [integration],
    );
    expect(rows.map((row) => row.response_id)).toEqual(rejected);
    expect(rows.every((row) => row.dlq_offset !== null)).toBe(true);

    await harness.target.clearFault(integration);
    await harness.pool.query('SELECT redrive_dead_letters($1)', [integration]);
    await eventually(
      async () => (await harness.target.count(integration)) === 20,
      'the redriven two delivered',
    );
    const received = await harness.target.received(integration);
    expect([...received].sort()).toEqual(responses.map((r) => r.responseId).sort());
  });

  it('dead-letters a value that is no response for every integration of its form, and goes on', async () => {
    const form = newForm();
    const first = await harness.attach(form);
    const second = await harness.attach(form);
    const before = responsesOf(form, 5);
    const after = responsesOf(form, 5);
    await harness.produce(before);
    await harness.produceRaw(form.formId, [Buffer.from('{"not":"avro"}')]);
    await harness.produce(after);

    const expected = [...before, ...after].map((r) => r.responseId);
    await eventually(
      async () =>
        (await harness.target.count(first)) === 10 && (await harness.target.count(second)) === 10,
      'both integrations to get the ten responses',
    );
    expect(await harness.target.received(first)).toEqual(expected);
    const deadLetters = async () =>
      (
        await harness.pool.query<{ integration_id: string; reason: string }>(
          `SELECT integration_id, reason FROM connector_dead_letters WHERE integration_id = ANY($1::uuid[])`,
          [[first, second]],
        )
      ).rows;
    await eventually(async () => (await deadLetters()).length === 2, 'a dead letter for each');
    expect((await deadLetters()).map((row) => row.reason)).toEqual([
      'undecodable: not_confluent_wire_format',
      'undecodable: not_confluent_wire_format',
    ]);
  });
});
