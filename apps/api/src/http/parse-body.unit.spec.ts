import { z } from 'zod';
import { ApiError } from './api-error';
import { parseBody, ZodBodyPipe } from './parse-body';
import { jsonPointer } from './zod-issues';

const schema = z.strictObject({ name: z.string().max(5), tags: z.array(z.string()).optional() });

function failure(body: unknown): ApiError {
  try {
    parseBody(schema, body);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected parseBody to throw');
}

describe('parseBody', () => {
  it('returns the parsed value', () => {
    expect(parseBody(schema, { name: 'ok' })).toEqual({ name: 'ok' });
  });

  it('refuses an unknown field with a 422 naming it', () => {
    const error = failure({ name: 'ok', isAdmin: true });
    expect(error.status).toBe(422);
    expect(error.errors).toEqual([
      { path: '/isAdmin', code: 'unrecognized_key', message: 'unknown field "isAdmin"' },
    ]);
  });

  it('points at nested offending items', () => {
    expect(failure({ name: 'ok', tags: ['a', 3] }).errors).toEqual([
      expect.objectContaining({ path: '/tags/1', code: 'invalid_type' }),
    ]);
  });

  it('refuses a body that is not an object', () => {
    expect(failure(undefined).errors).toEqual([
      expect.objectContaining({ path: '', code: 'invalid_type' }),
    ]);
  });

  it('works as a Nest pipe', () => {
    expect(new ZodBodyPipe(schema).transform({ name: 'ok' })).toEqual({ name: 'ok' });
    expect(() => new ZodBodyPipe(schema).transform({})).toThrow(ApiError);
  });
});

describe('jsonPointer', () => {
  it('escapes ~ and / as RFC 6901 says', () => {
    expect(jsonPointer(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
  });
});
