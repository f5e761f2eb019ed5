import { ConfigValidator, InvalidConfigSchemaError } from './config-validator';

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://collect.dev/connectors/test',
  type: 'object',
  properties: {
    to: { type: 'string', format: 'email' },
    sender: {
      type: 'object',
      properties: { phone: { type: 'string', pattern: '^\\+\\d+$' } },
      required: ['phone'],
    },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 2 },
  },
  required: ['to', 'sender'],
  additionalProperties: false,
};

describe('checking configs against a connector type schema', () => {
  const validator = new ConfigValidator('/config');

  it('accepts a config that matches', () => {
    expect(validator.check(schema)({ to: 'a@example.com', sender: { phone: '+4470' } })).toEqual(
      [],
    );
  });

  it('reports every violation with a JSON Pointer under the prefix and the keyword as code', () => {
    const errors = validator.check(schema)({
      to: 'not-an-email',
      sender: { phone: 'call me' },
      tags: ['a', 'b', 3],
      extra: true,
    });
    expect(errors.map((e) => [e.path, e.code])).toEqual(
      expect.arrayContaining([
        ['/config/to', 'format'],
        ['/config/sender/phone', 'pattern'],
        ['/config/tags/2', 'type'],
        ['/config/tags', 'maxItems'],
        ['/config/extra', 'additionalProperties'],
      ]),
    );
    expect(errors).toHaveLength(5);
  });

  it('points a missing field at the field itself, escaping "/" and "~" in its name', () => {
    const errors = new ConfigValidator('/config').check({
      type: 'object',
      required: ['a/b', 'c~d'],
    })({});
    expect(errors.map((e) => e.path)).toEqual(['/config/a~1b', '/config/c~0d']);
  });

  it('never puts the offending value into a message', () => {
    const errors = validator.check(schema)({
      to: 'leaky-secret-value',
      sender: { phone: 'leaky-secret-value' },
    });
    expect(JSON.stringify(errors)).not.toContain('leaky-secret-value');
  });

  it('compiles the same schema once, even under another $id, and refuses a broken one', () => {
    const again = { ...schema, $id: 'https://collect.dev/connectors/other' };
    expect(validator.check(again)({ to: 'a@example.com', sender: { phone: '+1' } })).toEqual([]);
    expect(() => validator.check({ type: 'no-such-type' })).toThrow(InvalidConfigSchemaError);
  });
});
