import { Type } from 'avsc';
import { encodeFramed, frame, unframe } from './wire-format';

describe('encodeFramed', () => {
  const type = Type.forSchema({
    type: 'record',
    name: 'Note',
    fields: [
      { name: 'id', type: 'string' },
      { name: 'count', type: 'long' },
    ],
  });

  it.each([
    ['a small value', { id: 'n-1', count: 3 }],
    ['a value larger than the scratch buffer', { id: 'x'.repeat(40_000), count: 7 }],
    ['a small value after the scratch grew', { id: 'é', count: -1 }],
  ])('frames %s exactly like frame(schemaId, toBuffer)', (_name, value) => {
    const framed = encodeFramed(42, type, value);
    expect(framed.equals(frame(42, type.toBuffer(value)))).toBe(true);
    expect(type.fromBuffer(unframe(framed).payload)).toEqual(value);
  });

  it('returns a copy that a later call does not overwrite', () => {
    const first = encodeFramed(1, type, { id: 'first', count: 1 });
    encodeFramed(1, type, { id: 'second', count: 2 });
    expect(type.fromBuffer(unframe(first).payload)).toEqual({ id: 'first', count: 1 });
  });

  it('throws for a value that does not match the type', () => {
    expect(() => encodeFramed(1, type, { id: 5, count: 1 })).toThrow();
  });
});
