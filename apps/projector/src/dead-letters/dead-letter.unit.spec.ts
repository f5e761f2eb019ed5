import { deadLetterRecord } from './dead-letter';

describe('deadLetterRecord', () => {
  it('keeps the original key, value and headers and adds where the event came from and why', () => {
    const message = {
      key: Buffer.from('form-1'),
      value: Buffer.from([1, 2, 3]),
      headers: { 'event-type': Buffer.from('ResponseSubmitted') },
      offset: '42',
      timestamp: '0',
      attributes: 0,
    };
    const record = deadLetterRecord(
      {
        topic: 'collect.responses.v1',
        partition: 7,
        message,
        reason: 'undecodable',
        detail: 'not Avro',
      },
      'collect.projector',
      new Date('2026-01-02T03:04:05Z'),
    );
    expect(record).toEqual({
      key: message.key,
      value: message.value,
      headers: {
        'event-type': message.headers['event-type'],
        'dlq-reason': 'undecodable',
        'dlq-message': 'not Avro',
        'dlq-source-topic': 'collect.responses.v1',
        'dlq-source-partition': '7',
        'dlq-source-offset': '42',
        'dlq-consumer': 'collect.projector',
        'dlq-failed-at': '2026-01-02T03:04:05.000Z',
      },
    });
  });
});
