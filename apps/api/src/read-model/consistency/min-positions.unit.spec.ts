import { isProjected, MAX_POSITIONS, parseMinPositions } from './min-positions';

describe('parseMinPositions', () => {
  it('reads topic:partition:offset as a command returns it', () => {
    expect(parseMinPositions('collect.forms.v1:7:1042')).toEqual({
      positions: [{ topic: 'collect.forms.v1', partition: 7, offset: '1042' }],
    });
  });

  it('reads several comma-separated positions, spaces around commas allowed', () => {
    expect(parseMinPositions('a.b:0:1, c-d_e:11:9223372036854775807')).toEqual({
      positions: [
        { topic: 'a.b', partition: 0, offset: '1' },
        { topic: 'c-d_e', partition: 11, offset: '9223372036854775807' },
      ],
    });
  });

  it.each([
    ['no offset', 'collect.forms.v1:7'],
    ['a negative offset', 'collect.forms.v1:7:-1'],
    ['an offset beyond 64 bits', 'collect.forms.v1:7:9223372036854775808'],
    ['a partition beyond 32 bits', 'collect.forms.v1:2147483648:1'],
    ['a topic with illegal characters', "collect'forms:1:1"],
    ['an empty item', 'collect.forms.v1:1:1,'],
  ])('refuses %s', (_what, text) => {
    expect(parseMinPositions(text)).toHaveProperty('problem');
  });

  it(`refuses more than ${MAX_POSITIONS} positions`, () => {
    const many = Array.from({ length: MAX_POSITIONS + 1 }, (_, i) => `t:0:${i}`).join(',');
    expect(parseMinPositions(many)).toHaveProperty('problem');
  });
});

describe('isProjected', () => {
  const position = { topic: 't', partition: 0, offset: '41' };

  it('holds once next_offset has passed the offset, exactly at offset + 1', () => {
    expect(isProjected(position, '41')).toBe(false);
    expect(isProjected(position, '42')).toBe(true);
  });

  it('compares 64-bit offsets exactly', () => {
    const far = { topic: 't', partition: 0, offset: '9007199254740993' };
    expect(isProjected(far, '9007199254740993')).toBe(false);
    expect(isProjected(far, '9007199254740994')).toBe(true);
  });

  it('never holds for a partition the projector has not checkpointed', () => {
    expect(isProjected(position, undefined)).toBe(false);
  });
});
