import {
  ANSWER_COPY_COLUMNS,
  answerCopyRows,
  RESPONSE_COPY_COLUMNS,
  responseCopyRows,
} from './response-copy';

const columnCount = (columns: string) => columns.split(',').length;

describe('the COPY rows of a response batch', () => {
  it('writes one line per response, its fields escaped and in the order of the COPY column list', () => {
    const text = responseCopyRows(
      [
        {
          responseId: 'r',
          orgId: 'o',
          formId: 'f',
          formVersion: 7,
          formSeq: 12n,
          submittedAtMs: 1_750_000_000_123,
          receivedAtMs: 1_750_000_000_200,
          source: 'web\tapp',
          locale: null,
          hiddenFields: { campaign: 'spring' },
          idempotencyKey: null,
          eventId: 'e',
          kafkaOffset: 99n,
        },
      ],
      3,
    );
    expect(text).toBe(
      'r\to\tf\t7\t12\t2025-06-15T15:06:40.123Z\t2025-06-15T15:06:40.200Z\tweb\\tapp\t\\N\t' +
        '{"campaign":"spring"}\t\\N\te\t3\t99\n',
    );
    expect(text.slice(0, -1).split('\t')).toHaveLength(columnCount(RESPONSE_COPY_COLUMNS));
  });

  it('writes one line per answer with exactly one typed column set', () => {
    const text = answerCopyRows([
      {
        responseId: 'r',
        formId: 'f',
        questionId: 'q1',
        valueText: '1984-02-29',
        valueNumber: null,
        valueBoolean: null,
        valueDate: '1984-02-29',
        valueChoices: null,
      },
      {
        responseId: 'r',
        formId: 'f',
        questionId: 'q2',
        valueText: null,
        valueNumber: null,
        valueBoolean: null,
        valueDate: null,
        valueChoices: ['a', 'b "c"'],
      },
    ]);
    expect(text.split('\n')).toEqual([
      'r\tf\tq1\t1984-02-29\t\\N\t\\N\t1984-02-29\t\\N',
      'r\tf\tq2\t\\N\t\\N\t\\N\t\\N\t{"a","b \\\\"c\\\\""}',
      '',
    ]);
    expect(text.split('\n')[0]!.split('\t')).toHaveLength(columnCount(ANSWER_COPY_COLUMNS));
  });
});
