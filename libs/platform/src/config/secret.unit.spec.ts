import { format, inspect } from 'node:util';
import { Secret } from './secret';

describe('Secret', () => {
  const secret = new Secret('hunter2');

  it('never prints its value through toString, template strings, JSON or util.inspect', () => {
    expect(String(secret)).toBe('[hidden]');
    // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- the case under test
    expect(`${secret}`).toBe('[hidden]');
    expect(JSON.stringify({ password: secret })).toBe('{"password":"[hidden]"}');
    expect(inspect({ password: secret })).toBe('{ password: [hidden] }');
    expect(format('%o %s %j', secret, secret, secret)).not.toContain('hunter2');
  });

  it('gives the value back only through reveal()', () => {
    expect(secret.reveal()).toBe('hunter2');
  });
});
