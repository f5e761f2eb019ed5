import { maskString, redactSensitive } from './redact';

describe('maskString', () => {
  it('masks E.164 phone numbers, keeping only the last two digits', () => {
    expect(maskString('sent to +447700900134')).toBe('sent to +**********34');
    expect(maskString('+12345678901')).toBe('+*********01');
  });

  it('masks URL-encoded phone numbers in query strings', () => {
    expect(maskString('/sms?to=%2B447700900134&x=1')).toBe('/sms?to=%2B**********34&x=1');
  });

  it('leaves short numbers and non-phone digits alone', () => {
    expect(maskString('order 12345678901 costs +1234')).toBe('order 12345678901 costs +1234');
  });

  it('masks bearer tokens and JWTs', () => {
    expect(maskString('Authorization: Bearer abc.def-123_xyz==')).toBe(
      'Authorization: Bearer [redacted]',
    );
    expect(maskString('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl end')).toBe(
      'token [redacted] end',
    );
  });
});

describe('redactSensitive', () => {
  it('masks strings at any depth and redacts secret-named keys', () => {
    const input = {
      msg: 'delivered to +447700900134',
      recipient: { phone: '+447700900134', password: 'hunter2' },
      headers: { authorization: 'Bearer abc', 'x-api-key': 'k' },
      list: ['+12345678901', 7],
      apiKey: 'abc',
    };
    expect(redactSensitive(input)).toEqual({
      msg: 'delivered to +**********34',
      recipient: { phone: '+**********34', password: '[redacted]' },
      headers: { authorization: '[redacted]', 'x-api-key': '[redacted]' },
      list: ['+*********01', 7],
      apiKey: '[redacted]',
    });
  });

  it('does not modify the logged object and leaves class instances to their serializers', () => {
    const error = new Error('to +447700900134');
    const input = { err: error, phone: '+447700900134' };
    const output = redactSensitive(input) as typeof input;
    expect(input.phone).toBe('+447700900134');
    expect(output.err).toBe(error);
  });

  it('survives cycles', () => {
    const cyclic: Record<string, unknown> = { phone: '+447700900134' };
    cyclic.self = cyclic;
    expect((redactSensitive(cyclic) as Record<string, unknown>).phone).toBe('+**********34');
  });
});
