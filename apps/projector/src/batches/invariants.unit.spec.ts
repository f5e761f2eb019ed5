import { checkNoNul, isUuid } from './invariants';

describe('the read model invariants', () => {
  it.each([
    ['a lower-case UUID', '6f1c1f5e-0000-4000-8000-00000000000a', true],
    ['an upper-case UUID', '6F1C1F5E-ABCD-4000-8000-00000000000A', true],
    ['a dash out of place', '6f1c1f5e0-000-4000-8000-00000000000a', false],
    ['a letter past f', '6f1c1f5g-0000-4000-8000-00000000000a', false],
    ['one digit short', '6f1c1f5e-0000-4000-8000-00000000000', false],
    ['braces', '{6f1c1f5e-0000-4000-8000-00000000000}', false],
  ])('tells %s (%s)', (_, value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });

  it('finds a NUL in any string of a value, keys included', () => {
    expect(checkNoNul('metadata', { a: ['x', { b: 'y' }] })).toBeUndefined();
    expect(checkNoNul('metadata', { a: ['x', { b: 'y\u0000' }] })).toBe(
      'metadata contains a NUL character',
    );
    expect(checkNoNul('metadata', { ['k\u0000']: 'v' })).toBeDefined();
  });
});
