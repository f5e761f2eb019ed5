import type { ResponseSubmitted } from '@collect/events';
import { randomUUID } from 'node:crypto';
import { responseEvent } from '../testing/form-fixtures';
import { typeAnswer } from './answer-columns';
import { checkResponses } from './checked-response';
import { planResponses } from './plan-responses';

const orgId = randomUUID();
const [formA, formB] = [randomUUID(), randomUUID()];
const positioned = (events: ResponseSubmitted[], from = 100) =>
  events.map((event, index) => ({ event, offset: BigInt(from + index) }));
const none = { existingIds: new Set<string>(), counts: new Map<string, bigint>() };

describe('typeAnswer', () => {
  it.each([
    ['text', 'hello', { valueText: 'hello' }],
    [
      'a calendar date, as text and as a date',
      '1984-02-29',
      { valueText: '1984-02-29', valueDate: '1984-02-29' },
    ],
    ['a date-like string that is no day, as text only', '1985-02-29', { valueText: '1985-02-29' }],
    ['a number', 42.5, { valueNumber: 42.5 }],
    ['a boolean', false, { valueBoolean: false }],
    ['choices', ['a', 'b'], { valueChoices: ['a', 'b'] }],
  ])('types %s', (_, value, columns) => {
    expect(typeAnswer(value)).toEqual({
      ok: true,
      columns: {
        valueText: null,
        valueNumber: null,
        valueBoolean: null,
        valueDate: null,
        valueChoices: null,
        ...columns,
      },
    });
  });

  it.each([
    ['a non-finite number', Number.NaN],
    ['infinity', Number.POSITIVE_INFINITY],
    ['a list with a number', ['a', 1] as unknown as string[]],
  ])('rejects %s', (_, value) => {
    expect(typeAnswer(value)).toMatchObject({ ok: false });
  });
});

describe('checkResponses', () => {
  it('rejects, with a reason naming no value, what the read model cannot hold', () => {
    const good = responseEvent(orgId, formA, 1);
    const twice = {
      ...good,
      responseId: randomUUID(),
      answers: [...good.answers, good.answers[0]!],
    };
    const { valid, rejected } = checkResponses(
      positioned([
        good,
        { ...good, responseId: 'r-1' },
        { ...good, responseId: randomUUID(), formId: 'form' },
        twice,
        { ...good, responseId: randomUUID(), metadata: { ...good.metadata, source: 'we\u0000b' } },
        { ...good, responseId: randomUUID(), submittedAt: Number.NaN },
        {
          ...good,
          responseId: randomUUID(),
          answers: [{ questionId: 'income', value: Number.NaN }],
        },
      ]),
    );
    expect(valid.map((response) => response.offset)).toEqual([100n]);
    expect(rejected).toEqual([
      { offset: 101n, reason: 'responseId is not a UUID' },
      { offset: 102n, reason: 'formId is not a UUID' },
      { offset: 103n, reason: 'question name is answered twice' },
      { offset: 104n, reason: 'metadata contains a NUL character' },
      { offset: 105n, reason: 'submittedAt is not a time between 1970 and 9999' },
      { offset: 106n, reason: 'question income: a number answer is not finite' },
    ]);
  });

  it('lower-cases ids so one UUID is one response whatever its spelling', () => {
    const event = responseEvent(orgId, formA, 1);
    const { valid } = checkResponses(
      positioned([{ ...event, responseId: event.responseId.toUpperCase() }]),
    );
    expect(valid[0]!.responseId).toBe(event.responseId);
  });
});

describe('planResponses', () => {
  it('numbers each form’s new responses densely in log order, after what the form already holds', () => {
    const events = [1, 2, 3, 4, 5].map((n) => responseEvent(orgId, n % 2 ? formA : formB, n));
    const plan = planResponses(checkResponses(positioned(events)).valid, {
      existingIds: new Set(),
      counts: new Map([[formA, 7n]]),
    });
    expect(plan.responses.map((row) => [row.formId, row.formSeq, row.kafkaOffset])).toEqual([
      [formA, 8n, 100n],
      [formB, 1n, 101n],
      [formA, 9n, 102n],
      [formB, 2n, 103n],
      [formA, 10n, 104n],
    ]);
    expect(plan.counters).toEqual([
      {
        formId: formA,
        orgId,
        responseCount: 10n,
        firstSubmittedAtMs: events[0]!.submittedAt,
        lastSubmittedAtMs: events[4]!.submittedAt,
      },
      {
        formId: formB,
        orgId,
        responseCount: 2n,
        firstSubmittedAtMs: events[1]!.submittedAt,
        lastSubmittedAtMs: events[3]!.submittedAt,
      },
    ]);
    expect(plan.answers).toHaveLength(5 * 5);
  });

  it('adds nothing for a responseId already projected or repeated in the batch: no answers, no counter, no sequence number', () => {
    const [first, second] = [responseEvent(orgId, formA, 1), responseEvent(orgId, formA, 2)];
    const plan = planResponses(
      checkResponses(positioned([first, second, { ...second, eventId: randomUUID() }])).valid,
      { existingIds: new Set([first.responseId]), counts: new Map([[formA, 1n]]) },
    );
    expect(plan.responses.map((row) => [row.responseId, row.formSeq])).toEqual([
      [second.responseId, 2n],
    ]);
    expect(plan.answers.every((answer) => answer.responseId === second.responseId)).toBe(true);
    expect(plan.counters.map((counter) => counter.responseCount)).toEqual([2n]);
    expect(plan.duplicates).toBe(2);
  });

  it('maps the event to the response row', () => {
    const event = responseEvent(orgId, formA, 3);
    const [row] = planResponses(checkResponses(positioned([event])).valid, none).responses;
    expect(row).toEqual({
      responseId: event.responseId,
      orgId,
      formId: formA,
      formVersion: event.formVersion,
      formSeq: 1n,
      submittedAtMs: event.submittedAt,
      receivedAtMs: event.occurredAt,
      source: 'web',
      locale: 'en-GB',
      hiddenFields: event.metadata.hiddenFields,
      idempotencyKey: null,
      eventId: event.eventId,
      kafkaOffset: 100n,
    });
  });
});
