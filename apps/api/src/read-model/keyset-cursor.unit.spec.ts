import { decodeCursor, encodeCursor } from './keyset-cursor';

const position = { at: '2025-03-04T17:41:20.002113Z', id: '5b7f3c1e-2d4a-4b6c-8e9f-0a1b2c3d4e5f' };

describe('keyset cursors', () => {
  it('give back the exact position they were made from, microseconds included', () => {
    expect(decodeCursor('responses', encodeCursor('responses', position))).toEqual(position);
  });

  it('are opaque URL-safe text', () => {
    expect(encodeCursor('forms', position)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("refuse another listing's cursor", () => {
    expect(decodeCursor('forms', encodeCursor('responses', position))).toBeUndefined();
  });

  it.each([
    ['not base64url', '!!!'],
    ['not JSON', Buffer.from('{"k":').toString('base64url')],
    ['a JSON array', Buffer.from('[1]').toString('base64url')],
    [
      'a millisecond timestamp',
      enc({ k: 'responses', at: '2025-03-04T17:41:20.002Z', id: position.id }),
    ],
    [
      'an impossible date',
      enc({ k: 'responses', at: '2025-13-45T17:41:20.002113Z', id: position.id }),
    ],
    ['an id that is not a uuid', enc({ k: 'responses', at: position.at, id: "1' OR '1'='1" })],
    ['too long', 'A'.repeat(600)],
  ])('refuse %s', (_what, cursor) => {
    expect(decodeCursor('responses', cursor)).toBeUndefined();
  });
});

function enc(payload: unknown): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}
