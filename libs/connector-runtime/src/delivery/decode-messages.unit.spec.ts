import { syntheticResponseId } from './decode-messages';
import type { PositionedMessage } from './positioned-message';

const at = (offset: bigint): PositionedMessage => ({
  topic: 't',
  partition: 1,
  offset,
  timestamp: new Date(0),
  formId: 'f',
  message: {
    key: null,
    value: null,
    offset: String(offset),
    timestamp: '0',
    attributes: 0,
    headers: {},
  },
});

describe('ids for messages that are no readable response', () => {
  it('are UUIDs derived from the position alone, the same on every replica and after every restart', () => {
    expect(syntheticResponseId(at(5n))).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(syntheticResponseId(at(5n))).toBe(syntheticResponseId(at(5n)));
    expect(syntheticResponseId(at(6n))).not.toBe(syntheticResponseId(at(5n)));
  });
});
